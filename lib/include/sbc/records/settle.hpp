// A case's claims checked against the programme's records (round.md C): the records index is made
// once for a run, then each case (on any worker) has the facts the records speak to settled,
// confirmed, contradicted or noted as unchecked, each with the record it rests on.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "sbc/model/case.hpp"
#include "sbc/records/records.hpp"

namespace sbc {

// The records, indexed by product (name and version) and by enterprise (credit code and name),
// compared as round.md A compares them (white space, full-width forms and letter case aside).
class RecordIndex {
 public:
  explicit RecordIndex(Records records);

  const Records& records() const { return records_; }
  // The rows of a product of the enterprise (credit code where both give one, else its name).
  std::vector<const ListedProduct*> listed(const RecordParty& who, const std::string& product,
                                           const std::string& version) const;
  std::vector<const Payment*> paid(const RecordParty& who, const std::string& product,
                                   const std::string& version) const;
  // Every payment to the enterprise, and every listing of it on the negative list.
  std::vector<const Payment*> paid_to(const RecordParty& who) const;
  std::vector<const Listing*> listed_negative(const RecordParty& who) const;
  // Whether any list holds a row of that batch (a row without a year holds its number's batch of
  // every year).
  bool covers(int year, int batch) const;

 private:
  Records records_;
  // Rows by the hash of their product's key, or of their enterprise's code and name: 12 bytes an
  // entry, not a string; a lookup compares the rows it finds.
  using Index = std::unordered_multimap<std::uint64_t, std::uint32_t>;
  Index listed_, paid_;                       // by product
  Index paid_to_, negative_;                  // by enterprise
  std::vector<std::pair<int, int>> batches_;  // (year or 0, number), sorted
};

// Whether a record's party is the case's enterprise: the same credit code where both give one,
// else the same company name.
bool same_enterprise(const RecordParty& record, const RecordParty& applicant);

// The case's facts as the records have them (round.md C): the recognised batch, the count of
// compensations before the application's year, earlier 首版次 support, the negative list; the
// payments of the application's year for the round's cap. Each goes into c.recorded with its
// source; a claim the records correct or leave unchecked is also a warning of the case.
void settle_from_records(const RecordIndex& index, Case& c);

// The facts these records give a case that leaves them out, whatever the case (--template and the
// interview do not ask for them): the recognised batch with a list, the compensations before with
// the payments, the negative listing with the negative list.
std::vector<std::string> facts_records_give(const Records& records);

}  // namespace sbc
