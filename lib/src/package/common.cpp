#include "package/common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace sbc {

const char* const kFillingNotes[3] = {
    "1. 统一用A4纸，双面印刷；文字叙述部分用小四号仿宋字体。",
    "2. 按格式要求填写，除另有说明外，栏目内容不得空缺；申报材料要求盖章处，须加盖公章。",
    ("3. 支撑材料复印件按支撑材料清单的顺序装订于本册之后，页码由申报单位续编并填入清单；"
     "按顺序合并简装（勿使用塑料封皮），加盖骑缝章。")};  // one note, in two literals
const char* const kCorrespondenceNote = "分期付款的销售，备注已开发票金额与合同金额的比例。";
const char* const kMaterialsNote =
    "“情况”按案例的 materials 填写；复印件按此顺序装订，页码由申报单位填写。";
const char* const kFormNote = "注：投保产品名称及版次应与省首版次高端软件认定名单内一致。";
const char* const kLetterTo = "省工业和信息化厅、山东银保监局：";
const char* const kLetterEnd = "特此声明！";

std::string letter_text(const std::string& product) {
  return "我单位申报的“" + (product.empty() ? std::string("　　　　　　　　　　") : product) +
         "”申请材料内容和所附资料均真实、合法，如有不实之处，愿负相应的法律责任，"
         "并承担由此产生的一切后果。";
}

bool numeric_column(const std::string& header) {
  return header.find("金额") != std::string::npos || header == "数量";
}

ApplicationPackage laid_out_package(const SubsidyResult& r, const std::string& round_note) {
  ApplicationPackage p = build_package(r);
  p.round_note = round_note;
  std::string why;
  measure_with_font(p, why);  // without Pango the estimate stands
  return p;
}

std::string FileDate::iso() const {
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", year, month, day, hour, minute,
                     second);
}

unsigned FileDate::dos_date() const {
  if (year < 1980) return (1 << 5) | 1;  // 1980-01-01, the format's first day
  if (year > 2107) return (127u << 9) | (12 << 5) | 31;
  return static_cast<unsigned>(((year - 1980) << 9) | (month << 5) | day);
}

unsigned FileDate::dos_time() const {
  return static_cast<unsigned>((hour << 11) | (minute << 5) | (second / 2));
}

std::optional<FileDate> file_date(const Case& c) {
  Date day;
  long long seconds = 0;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    long long t = std::max(0LL, std::strtoll(epoch, nullptr, 10));
    day = Date{static_cast<int>(t / 86400)};
    seconds = t % 86400;
  } else {
    const Value* v = c.fact("application.filed_on");
    if (!v || v->kind != Value::Kind::date) v = c.fact("application.date");
    if (!v || v->kind != Value::Kind::date) return std::nullopt;
    day = v->date;
  }
  FileDate d{};
  std::string ymd = format(day);  // YYYY-MM-DD
  if (std::sscanf(ymd.c_str(), "%d-%d-%d", &d.year, &d.month, &d.day) != 3) return std::nullopt;
  d.hour = static_cast<int>(seconds / 3600);
  d.minute = static_cast<int>(seconds / 60 % 60);
  d.second = static_cast<int>(seconds % 60);
  return d;
}

}  // namespace sbc
