// The programme's own records (round.md C): the recognised lists (名单), the compensation paid in
// earlier rounds (补偿记录) and the credit negative list (负面清单), as the reviewer keeps them in
// spreadsheets. Each file is CSV (UTF-8 or GB18030, read as a case CSV is), its kind told by its
// header row, Chinese labels or English names. A row that cannot be read is a problem at its
// file:line:col; the rows that can are kept, with their file and line, to be cited wherever a
// record settles a fact.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "sbc/base/diagnostic.hpp"
#include "sbc/input/document.hpp"
#include "sbc/values/date.hpp"
#include "sbc/values/money.hpp"

namespace sbc {

enum class RecordKind { recognised_list, compensation_paid, negative_list };
// "名单" / "recognised list", and so on.
Text to_text(RecordKind k);

// The header row of a record file of that kind (--records-template): every column it may have,
// the required ones among them, as Chinese labels (zh) or English names (en).
std::string record_header(RecordKind k, Lang lang);
// The kind a word names: 名单/list, 补偿记录/payments, 负面清单/negative-list.
std::optional<RecordKind> record_kind_named(std::string_view word);

// Where a record is: a file and the line its row starts on.
struct RecordSource {
  std::string file;
  int line = 0;
};

// The enterprise and the product a record names, as written.
struct RecordParty {
  std::string company;
  std::string credit_code;  // empty when the file has none for it
};

// A product on a recognised list: its batch (a year, when the list gives one, and a number).
struct ListedProduct {
  RecordParty party;
  std::string product, version;
  std::optional<int> year;
  int batch = 0;
  std::optional<Date> recognized_on;
  std::string city;
  RecordSource at;
};

// A compensation paid to a product in a year.
struct Payment {
  RecordParty party;
  std::string product, version;
  int year = 0;
  Money amount;
  std::string policy;
  RecordSource at;
};

// An enterprise on the credit negative list from a date.
struct Listing {
  RecordParty party;
  Date listed_on;
  std::string reason;
  RecordSource at;
};

// A batch as the lists write it: "2019年第3批", "第五批", "第12批", "3". Nullopt when it is none.
struct Batch {
  std::optional<int> year;
  int number = 0;
};
std::optional<Batch> parse_batch(std::string_view text);

class Records {
 public:
  // Reads a record file, or every *.csv below a directory. Problems go to `problems` (an
  // unreadable file, a header of no kind, a column no kind has, a cell that is not what its
  // column holds); the rows that read are kept. False when a file cannot be read at all (missing,
  // over the size limit, a directory without a .csv).
  bool read(const std::string& path, const Limits& limits, std::vector<Diagnostic>& problems);
  // One file's text, already read (the fuzz target, the tests).
  void read_text(const std::string& bytes, const std::string& file, const Limits& limits,
                 std::vector<Diagnostic>& problems);

  const std::vector<ListedProduct>& listed() const { return listed_; }
  const std::vector<Payment>& payments() const { return payments_; }
  const std::vector<Listing>& listings() const { return listings_; }
  size_t files() const { return files_; }
  // The files of one kind (a header of that kind read), in the order read: when a product or an
  // enterprise is in none of their rows, their silence is what settles a fact.
  const std::vector<std::string>& files(RecordKind k) const {
    return files_of_[static_cast<size_t>(k)];
  }

 private:
  std::vector<ListedProduct> listed_;
  std::vector<Payment> payments_;
  std::vector<Listing> listings_;
  size_t files_ = 0;
  std::array<std::vector<std::string>, 3> files_of_;
};

}  // namespace sbc
