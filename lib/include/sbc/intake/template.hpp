// Starting a case without knowing YAML: which facts a pack reads, how to ask for each, and the
// skeleton case (--template) that lists them.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sbc/base/text.hpp"
#include "sbc/model/schema.hpp"
#include "sbc/rules/rules.hpp"
#include "sbc/run/tool.hpp"
#include "sbc/values/date.hpp"

namespace sbc {

// A rule that reads a fact: its id and clause ("general.rd_spend", "附3-1 二.3").
struct FactRef {
  std::string id;
  std::string clause;
};

// A fact a pack reads. `path` marks a list's items with `[]` ("software.patents[].kind").
struct PackFact {
  std::string path;
  const Field* field = nullptr;
  std::vector<FactRef> refs;  // empty for the facts every case names (company, product, date)
};

// The facts the pack's recognition conditions read (`subsidy` false, sbc-check), or its
// compensation rules and awards (`subsidy` true, sbc-subsidy), and the case's names and date, in
// the case format's order.
std::vector<PackFact> facts_read(const RulePack& pack, bool subsidy);

// How a fact is asked for: its label as a question ("研发费用支出？"), and the forms its value
// may take ("money in yuan: 1200000, \"1,200,000.00\", 120万, 1.2亿").
Text question(const Field& f);
Text accepted_forms(const Field& f);

// The pack --template uses when none is named: among the built-in packs of `jurisdiction` that
// the tool can use, the one in force on `today`, else the one that took effect last.
const RulePack& default_template_pack(RuleLibrary& rules, const std::string& jurisdiction,
                                      bool subsidy, Date today);

// The skeleton case for a pack: every fact of facts_read, nested as the case format nests them,
// each with its question, the rules that read it and its accepted forms in a comment, and its
// value line commented out (a fact left unfilled stays unknown).
// `settled`: facts the records give (--records), left out and named in a comment.
void write_template(const RulePack& pack, bool subsidy, Lang lang, std::ostream& out,
                    const std::vector<std::string>& settled = {});

// The same facts as the header row of the spreadsheet form (--template --format csv): `rules`,
// then each fact's path, a list's first item as [0].
void write_template_csv(const RulePack& pack, bool subsidy, std::ostream& out,
                        const std::vector<std::string>& settled = {});

// --template from a tool's command line: the skeleton case of --rules, else of the Shandong pack
// in force on `today`, as yaml (text) or csv on console.out; status 2 with a message on
// console.err for another format or a pack the tool cannot use.
int template_command(const char* name, const CheckOptions& o, const std::string& format,
                     bool subsidy, RuleLibrary& rules, Date today, const Console& console);

}  // namespace sbc
