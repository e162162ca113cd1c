// A case: one applicant and product as typed facts, read from one YAML document.
#pragma once

#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sbc/base/diagnostic.hpp"
#include "sbc/input/document.hpp"
#include "sbc/input/inputs.hpp"
#include "sbc/model/schema.hpp"
#include "sbc/values/date.hpp"
#include "sbc/values/money.hpp"
#include "sbc/values/rate.hpp"

namespace sbc {

struct Entry;

// A typed fact. `none` is a stated "none"/"never" (a fact), which is not the same as a key that
// is absent (no fact: the conditions that need it are unknown).
struct Value {
  enum class Kind { none, boolean, money, rate, date, integer, text, enumeration, list, record };
  Kind kind = Kind::none;
  bool flag = false;
  std::int64_t number = 0;  // integer
  Money money;
  Rate rate;
  Date date;
  std::string text;           // text, or the code of an enumeration (or the words of an open one)
  std::vector<Value> items;   // list
  std::vector<Entry> fields;  // record, in file order
  Mark mark;

  // The field of a record, or nullptr.
  const Value* find(std::string_view key) const;
};

// One field of a record. Its key is the case format's own spelling (Field::key of case_schema(),
// which lives as long as the program): a case's keys are the schema's, and a record of a hundred
// facts makes no string for them. (Not std::pair: a pair cannot hold the still incomplete Value.)
struct Entry {
  std::string_view key;
  Value value;
};

// The value as JSON and text show it: "1200000.00", "1.5%", "2020-05-15", "true", a code,
// or "[CMMI3, ISO27001]".
std::string render_value(const Value& v);

// What the programme's records (round.md C, `--records`) said of one of a case's facts.
struct RecordedFact {
  enum class Effect {
    confirmed,     // the records agree with the case
    settled,       // the records gave the fact (the case left it out, or said less)
    contradicted,  // the case claims what the records deny: a test reading the fact fails
    unchecked,     // the records do not cover the claim: it stands as the case says
  };
  std::string path;  // "insurance.recognition", "software.prior_support", …
  Effect effect = Effect::confirmed;
  std::string source;  // "records/lists.csv:4", or a file alone when its silence settles it
  Text message;        // what the records say (a contradiction: the failing test's message)
};
// "confirmed", "settled", "contradicted", "unchecked".
const char* to_string(RecordedFact::Effect e);

struct Case {
  std::string file;
  int index = 0;                     // 0-based document index in its file
  Mark mark;                         // where the document starts
  Value root;                        // a record
  std::vector<Diagnostic> problems;  // errors make the case unreadable; warnings do not
  // With --records: what the records said of its facts, and what they show paid to its enterprise
  // in the application's year (which the round's enterprise cap counts).
  std::vector<RecordedFact> recorded;
  Money paid_in_year;
  std::string paid_in_year_source;

  bool readable() const { return !has_errors(problems); }
  // The problems that keep the case from being judged.
  std::vector<Diagnostic> errors() const;
  // The fact at a dotted path ("software.rd_spend"), or nullptr when the case does not state it.
  const Value* fact(std::string_view path) const;
  // Sets the fact at a dotted path, making the records on the way (the records' facts).
  void set_fact(std::string_view path, Value v);
  // What the records said of the fact at `path` or of a record holding it, or nullptr.
  const RecordedFact* recorded_fact(std::string_view path) const;
};

// Sets the fact at a dotted path of the case format ("software.rd_spend", no list items) under
// `root`, making the records on the way. Throws std::invalid_argument for a path the case format
// does not have (the callers' paths are the code's and the packs', checked when a pack loads).
void set_fact(Value& root, std::string_view path, Value v);

struct ReadOptions {
  Severity unknown_keys = Severity::warning;  // sbc-validate makes them errors
  Limits limits;
  InputFormat format = InputFormat::by_name;  // --input-format
};

// Types a parsed document against the case format; every problem goes into Case::problems.
Case read_case(const Document& doc, const std::string& file, const ReadOptions& options);

// Parses and types one document cut out by split_documents (an unreadable one becomes a Case that
// says why).
Case parse_document(const RawDocument& raw, const ReadOptions& options);

// A row of a CSV file (a RawDocument with csv_header) as a case: each non-empty cell at the place
// its header names, read as the case reader reads YAML; problems at line:column of the file.
Case read_csv_row(const RawDocument& raw, const ReadOptions& options);

// Every case of one input (see split_documents), in order, on the calling thread.
void read_cases(const std::string& input, std::istream& standard_input, const ReadOptions& options,
                const std::function<void(Case&&)>& sink);

// The facts of a case as YAML that reads back to the same facts, in the case format's key order
// (money as 1200000.00, dates as YYYY-MM-DD, enumerations as codes; a flag left false by default
// is left out). Comments and unknown keys of the file it was read from are not kept.
std::string write_case_yaml(const Value& root);

// A value as a person types it in one line (a spreadsheet cell, an interview answer) as the node
// YAML would have made: for a list fact, items separated by 、 ; ， ； or , (none, 无 or [] for
// an empty list); anything else a scalar, taken as written.
Node typed_line_node(const std::string& text, const Field& f, Mark mark);

// Converts one scalar node to a typed value of `field` (money, rate, date, …), or explains why it
// cannot. Shared by the case reader and the rule-pack loader.
Parsed<Value> read_scalar(const Node& node, const Field& field);

}  // namespace sbc
