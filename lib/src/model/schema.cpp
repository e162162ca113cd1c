#include "sbc/model/schema.hpp"

#include <fmt/format.h>

#include "base/strings.hpp"

namespace sbc {

namespace {

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool same_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

// --- the enumerations of the case format -------------------------------------------------------

const EnumType kProvince = [] {
  EnumType t{"province", false, false, {}};
  struct P {
    const char *code, *zh, *region;
  };
  const P provinces[] = {
      {"beijing", "北京", "11"},   {"tianjin", "天津", "12"},        {"hebei", "河北", "13"},
      {"shanxi", "山西", "14"},    {"neimenggu", "内蒙古", "15"},    {"liaoning", "辽宁", "21"},
      {"jilin", "吉林", "22"},     {"heilongjiang", "黑龙江", "23"}, {"shanghai", "上海", "31"},
      {"jiangsu", "江苏", "32"},   {"zhejiang", "浙江", "33"},       {"anhui", "安徽", "34"},
      {"fujian", "福建", "35"},    {"jiangxi", "江西", "36"},        {"shandong", "山东", "37"},
      {"henan", "河南", "41"},     {"hubei", "湖北", "42"},          {"hunan", "湖南", "43"},
      {"guangdong", "广东", "44"}, {"guangxi", "广西", "45"},        {"hainan", "海南", "46"},
      {"chongqing", "重庆", "50"}, {"sichuan", "四川", "51"},        {"guizhou", "贵州", "52"},
      {"yunnan", "云南", "53"},    {"xizang", "西藏", "54"},         {"shaanxi", "陕西", "61"},
      {"gansu", "甘肃", "62"},     {"qinghai", "青海", "63"},        {"ningxia", "宁夏", "64"},
      {"xinjiang", "新疆", "65"},  {"taiwan", "台湾", "71"},         {"hongkong", "香港", "81"},
      {"macao", "澳门", "82"}};
  for (const P& p : provinces)
    t.values.push_back(
        {p.code, p.zh, {p.region, std::string(p.zh) + "省", std::string(p.zh) + "市"}});
  return t;
}();

const EnumType kQualification{"qualification",
                              false,
                              false,
                              {{"CMMI1", "CMMI1级", {"CMM1"}},
                               {"CMMI2", "CMMI2级", {"CMM2"}},
                               {"CMMI3", "CMMI3级", {"CMM3"}},
                               {"CMMI4", "CMMI4级", {"CMM4"}},
                               {"CMMI5", "CMMI5级", {"CMM5"}},
                               {"ITSS", "信息技术服务标准", {}},
                               {"DCMM", "数据管理能力成熟度", {}},
                               {"ISO27001", "信息安全管理体系", {}},
                               {"ISO20000", "信息技术服务管理体系", {}}}};

const EnumType kCenterKind{"tech_center_kind",
                           false,
                           false,
                           {{"software_engineering_center", "软件工程技术中心", {}},
                            {"key_lab", "重点实验室", {}},
                            {"enterprise_tech_center", "企业技术中心", {}}}};

// Lowest first: 设区市级及以上 is rank >= city; 省部级以上 is rank >= province.
const EnumType kLevel{"level",
                      true,
                      false,
                      {{"county", "县", {"县级"}},
                       {"city", "设区市", {"市", "市级", "设区市级"}},
                       {"province", "省", {"省级"}},
                       {"ministry", "部", {"部级", "省部级"}},
                       {"national", "国家", {"国家级"}}}};

// The six 申报范围 of the 2023 call, and `other` for software in none of them (a game, a consumer
// app), so that a scope condition can fail rather than only pass or stay unknown.
const EnumType kCategory{"category",
                         false,
                         false,
                         {{"key_basic", "关键基础软件", {}},
                          {"industrial", "大型工业软件", {}},
                          {"platform", "新兴平台软件", {}},
                          {"industry_app", "行业应用软件", {}},
                          {"embedded", "嵌入式软件", {}},
                          {"ic_design", "集成电路设计", {}},
                          {"other", "其他", {"其它"}}}};

// A test report lists what its lab holds (ISO/IEC 17025, CAL, ILAC-MRA …), and reviewers copy it:
// any other accreditation is accepted as written and counts for nothing.
const EnumType kAccreditation{"accreditation",
                              false,
                              true,
                              {{"CMA", "CMA", {"中国计量认证", "检验检测机构资质认定"}},
                               {"CNAS", "CNAS", {"中国合格评定国家认可委员会"}}}};

const EnumType kPatentKind{
    "patent_kind",
    false,
    false,
    {{"invention", "发明", {"发明专利"}}, {"utility", "实用新型", {}}, {"design", "外观设计", {}}}};

const EnumType kPatentStatus{
    "patent_status",
    false,
    false,
    {{"granted", "授权", {}}, {"published", "公开", {}}, {"filed", "申请", {}}}};

const EnumType kAppraisal{"appraisal",
                          true,
                          false,
                          {{"none", "无", {}},
                           {"domestic_advanced", "国内先进", {}},
                           {"domestic_leading", "国内领先", {}},
                           {"international_advanced", "国际先进", {}},
                           {"international_leading", "国际领先", {}}}};

const EnumType kHonourKind{
    "honour_kind",
    false,
    false,
    {{"award", "奖项", {"奖"}}, {"key_project", "重点/优选项目", {"重点项目", "优选项目"}}}};

const EnumType kStrategic{"strategic",
                          false,
                          false,
                          {{"breaks_monopoly", "打破垄断", {}},
                           {"import_substitution", "替代进口", {}},
                           {"fills_chain_gap", "填补产业链断点", {}},
                           {"fills_gap", "填补国内或省内空白", {}}}};

const EnumType kEcosystem{"domestic_ecosystem",
                          false,
                          false,
                          {{"kunpeng", "鲲鹏", {}},
                           {"loongson", "龙芯", {}},
                           {"phytium", "飞腾", {}},
                           {"other_domestic", "其他国产", {}},
                           {"none", "无", {}}}};

// Any other kind of policy (e.g. 产品责任保险) is accepted as written and counts for nothing.
// Cities whose own programmes have packs (open: any other city is accepted as written).
const EnumType kCity{"city", false, true, {{"shenzhen", "深圳", {"深圳市"}}}};

const EnumType kPolicyKind{"policy_kind",
                           false,
                           true,
                           {{"software_quality", "软件首版次质量安全责任保险", {}},
                            {"cloud_service", "云计算服务责任保险", {}}}};

const EnumType kMaterial{"material",
                         false,
                         false,
                         {{"business_license", "营业执照", {"三证合一"}},
                          {"premium_voucher", "保险费支付凭证", {}},
                          {"policy_copy", "保单", {}},
                          {"premium_invoice", "保险费发票", {}},
                          {"sales_contract", "销售合同", {}},
                          {"sales_invoice", "销售发票", {}},
                          {"invoice_list", "发票明细清单", {}},
                          {"policy_correspondence_list", "保单对应清单", {}},
                          {"translation", "中文翻译件", {}},
                          {"commitment_letter", "软件实现销售承诺书", {}}}};

// --- builders ------------------------------------------------------------------------------------

Field scalar(std::string key, Type type, std::string zh, std::string en) {
  Field f;
  f.key = std::move(key);
  f.type = type;
  f.label = Text{std::move(zh), std::move(en)};
  return f;
}
Field text(std::string key, std::string zh, std::string en) {
  return scalar(key, Type::text, zh, en);
}
Field money(std::string key, std::string zh, std::string en) {
  return scalar(key, Type::money, zh, en);
}
Field date(std::string key, std::string zh, std::string en) {
  return scalar(key, Type::date, zh, en);
}
Field flag(std::string key, std::string zh, std::string en) {
  return scalar(key, Type::boolean, zh, en);
}
Field flag_default_false(std::string key, std::string zh, std::string en) {
  Field f = flag(key, zh, en);
  f.defaults_false = true;
  return f;
}
Field integer(std::string key, std::string zh, std::string en) {
  return scalar(key, Type::integer, zh, en);
}
Field choice(std::string key, const EnumType& e, std::string zh, std::string en) {
  Field f = scalar(key, Type::enumeration, zh, en);
  f.enumeration = &e;
  return f;
}
Field record(std::string key, std::string zh, std::string en, std::vector<Field> fields) {
  Field f = scalar(key, Type::record, zh, en);
  f.fields = std::move(fields);
  return f;
}
Field list(std::string key, std::string zh, std::string en, Field item) {
  Field f = scalar(key, Type::list, zh, en);
  f.enumeration = item.enumeration;
  f.fields.push_back(std::move(item));
  return f;
}
Field choices(std::string key, const EnumType& e, std::string zh, std::string en) {
  return list(key, zh, en, choice("", e, zh, en));
}
Field records(std::string key, std::string zh, std::string en, std::vector<Field> fields) {
  return list(key, zh, en, record("", zh, en, std::move(fields)));
}

// GB 32100-2015: 18 characters of 0-9 and A-Y without I, O, S, V, Z (the check character is
// sbc-validate's to check).
Field credit_code() {
  Field f = text("credit_code", "统一社会信用代码", "unified social credit code");
  f.pattern = "^[0-9A-HJ-NPQRTUWXY]{18}$";
  return f;
}

Field applicant_record() {
  Field never_listed =
      date("negative_list_since", "列入信用负面清单日期", "on the credit negative list since");
  never_listed.none_allowed = true;
  return record(
      "applicant", "申报主体", "applicant",
      {text("name", "企业名称", "company name"), credit_code(),
       choice("registered_province", kProvince, "注册地", "province of registration"),
       choice("registered_city", kCity, "注册城市", "city of registration"),
       date("founded_on", "成立日期", "founded on"),
       // Printed on the application package's cover (--form), never judged.
       record("contact", "联系人", "contact",
              {text("name", "联系人姓名", "contact's name"),
               text("phone", "联系电话", "contact's phone")}),
       money("main_revenue", "上年度主营业务收入", "previous year's main business revenue"),
       money("software_revenue", "上年度软件业务收入", "previous year's software revenue"),
       flag("independent_legal_person", "独立法人", "independent legal person"),
       flag("compliant", "管理规范、依法纳税、信誉良好、无偷漏税",
            "well managed, tax compliant, reputable"),
       flag("financially_sound", "财务状况良好", "financially sound"),
       flag("rd_funding_secured", "研发资金来源有保障", "R&D funding secured"),
       choices("qualifications", kQualification, "资质", "qualifications"),
       records("tech_centers", "技术中心", "technology centres",
               {choice("kind", kCenterKind, "类型", "kind"),
                choice("level", kLevel, "认定级别", "level"), text("name", "名称", "name")}),
       never_listed,
       flag("clean_record_3y", "三年内无行政处罚、失信记录",
            "no penalty or dishonesty record in 3 years"),
       flag("no_major_incidents", "未发生重大事故或严重违法",
            "no major incident or serious violation")});
}

Field software_record() {
  // "none" for a basis means the applicant states it has none, which 三.4 does not accept.
  Field strategic_basis = text("strategic_basis", "战略意义依据", "basis of the strategic claim");
  strategic_basis.none_allowed = true;
  return record(
      "software", "申报软件", "software",
      {text("name", "软件名称", "software name"),
       text("version", "版本号", "version"),
       choice("category", kCategory, "申报范围", "category"),
       date("developed_on", "研发完成时间", "R&D completed on"),
       date("copyright_registered_on", "软件著作权登记证书取得日期",
            "software copyright certificate obtained on"),
       date("copyright_completed_on", "软件著作权登记的开发完成日期",
            "completion date recorded in the software copyright"),
       flag("copyright_first_owner", "申报主体为著作权第一著作权人",
            "the applicant is the copyright's first owner"),
       flag("recognized", "已获本省（市）首版次认定",
            "recognised as 首版次 by the programme's province or city"),
       date("recognized_on", "首版次认定日期", "recognised on"),
       flag("novelty_search_report", "查新报告", "novelty search report"),
       flag("own_ip", "自主知识产权", "own intellectual property"),
       record("test_report", "检测报告", "test report",
              {text("lab", "检测机构", "lab"),
               choices("accreditation", kAccreditation, "机构资质", "lab accreditation"),
               flag("passed", "检测通过", "test passed"), date("date", "检测日期", "test date")}),
       money("rd_spend", "研发费用支出", "R&D spending"),
       money("cumulative_sales", "累计销售额或服务额", "cumulative sales or service revenue"),
       records("patents", "发明专利", "patents",
               {text("number", "专利号", "number"), choice("kind", kPatentKind, "专利类型", "kind"),
                choice("status", kPatentStatus, "状态", "status")}),
       choice("appraisal", kAppraisal, "科技成果鉴定", "technology appraisal"),
       records("honours", "奖项及重点/优选项目", "awards and key/preferred projects",
               {choice("kind", kHonourKind, "类型", "kind"),
                choice("level", kLevel, "级别", "level"), text("name", "名称", "name")}),
       flag("market_prospects_good", "市场前景良好", "good market prospects"),
       choices("strategic", kStrategic, "战略意义", "strategic significance"),
       strategic_basis,
       choice("domestic_ecosystem", kEcosystem, "国产软硬件生态", "domestic ecosystem"),
       flag("compatibility_tested", "通过兼容性测试", "compatibility test passed"),
       flag("prior_support", "已获首版次补助、支持或认定",
            "already had 首版次 support or recognition"),
       flag("self_use_only", "仅限自用", "for own use only"),
       flag("custom_non_general", "用户定制的非通用软件", "custom, non-general software"),
       flag("embedded", "嵌入式软件", "embedded software")});
}

Field application_record() {
  return record("application", "申请", "application",
                {date("date", "申请日期", "application date"),
                 date("call_deadline", "申报通知的截止日期", "the call's submission deadline"),
                 date("filed_on", "填报时间", "form filled in on")});
}

// The facts of sales and purchase awards (奖补/奖励), as the programmes measure them.
Field award_record() {
  return record(
      "award", "奖补", "award",
      {money("price", "首版次软件售价", "the product's price"),
       money("audited_sales", "经审计的首个合同及一年内合同销售额",
             "audited sales of the first contract and the year after it"),
       money("first_user_purchase", "首购用户经审计的首个合同采购额",
             "the first user's audited purchase under the first contract"),
       flag("user_in_province", "首购（示范应用）用户在省（市）内",
            "the first user is in the province (city)"),
       // Each award is paid once to each beneficiary: the developer's and the user's apart.
       flag("developer_prior_award", "研制企业已获该项奖补",
            "the developer already had this award"),
       flag("user_prior_award", "首购用户已获该项奖补", "the first user already had this award")});
}

Field insurance_record() {
  return record(
      "insurance", "保险补偿", "insurance",
      {record("recognition", "认定批次", "recognition",
              {integer("year", "认定年度", "year"), integer("batch", "批次", "batch")}),
       integer("prior_compensations", "已获保险补偿次数", "compensations received before"),
       record("window", "投保时限", "insurance window",
              {date("start", "起始日", "start"), date("end", "截止日", "end")}),
       records(
           "policies", "保单", "policies",
           {choice("kind", kPolicyKind, "险种", "kind"), text("number", "保单号", "policy number"),
            text("insurer", "保险公司", "insurer"), date("signed_on", "签订日期", "signed on"),
            record("period", "保险期间", "policy period",
                   {date("start", "起始日", "start"), date("end", "终止日", "end")}),
            money("liability_limit", "累计责任限额", "liability limit"),
            scalar("rate", Type::rate, "费率", "rate"), money("premium", "保险费", "premium"),
            records("payments", "保费支付", "premium payments",
                    {date("date", "支付日期", "date"), money("amount", "金额", "amount")}),
            flag_default_false("surrendered", "已退保", "surrendered"),
            list("contracts", "对应销售合同", "covered contracts",
                 text("", "合同编号", "contract"))}),
       records("sales", "销售", "sales",
               {text("contract", "合同编号", "contract"), text("buyer", "购买方", "buyer"),
                text("customer", "用户单位名称", "the user (customer) named on the invoice list"),
                integer("quantity", "销售数量", "quantity sold"),
                money("amount", "合同金额", "contract amount"),
                flag_default_false("related_party", "集团内关联销售", "related-party sale"),
                flag("final_user_contract", "最终用户合同", "final user's contract"),
                flag_default_false("export", "出口", "export"),
                flag_default_false("via_commitment_letter", "以销售承诺书代替合同",
                                   "sold via a commitment letter"),
                records("invoices", "发票", "invoices",
                        {date("date", "开票日期", "date"), money("amount", "金额", "amount"),
                         text("number", "发票号码", "invoice number"),
                         integer("quantity", "数量", "quantity")})})});
}

Field build_schema() {
  return record(
      "", "案例", "case",
      {text("schema", "格式版本", "schema"), text("rules", "规则包", "rule pack"),
       applicant_record(), software_record(), application_record(), award_record(),
       insurance_record(), choices("materials", kMaterial, "支撑材料", "supporting materials")});
}

}  // namespace

const EnumValue* EnumType::match(std::string_view text) const {
  for (const EnumValue& v : values)  // the common case, and the only one for codes we wrote
    if (v.code == text) return &v;
  for (const EnumValue& v : values) {
    if (same_ignoring_ascii_case(v.code, text) || v.zh == text) return &v;
    for (const std::string& alias : v.aliases)
      if (same_ignoring_ascii_case(alias, text)) return &v;
  }
  return nullptr;
}

int EnumType::rank(std::string_view code) const {
  for (size_t i = 0; i < values.size(); ++i)
    if (values[i].code == code) return static_cast<int>(i);
  return -1;
}

std::string EnumType::describe() const {
  std::string out;
  for (const EnumValue& v : values) {
    if (!out.empty()) out += ", ";
    out += v.code + " " + v.zh;
  }
  return out;
}

const Field* Field::child(std::string_view name) const {
  if (type != Type::record) return nullptr;
  for (const Field& f : fields)
    if (f.key == name) return &f;
  return nullptr;
}

const Field& case_schema() {
  static const Field root = build_schema();
  return root;
}

const Field* find_field(const Field& root, std::string_view dotted_path) {
  const Field* f = &root;
  Parts parts(dotted_path, '.');
  for (std::string_view part; f != nullptr && parts.next(part);) f = f->child(part);
  return f;
}

}  // namespace sbc
