// The report's workbook with the report's rules (rules/report-536.rules):
// mutation tests. Change one number and a finding appears at that cell; fix a
// wrong percentage and its finding disappears. (The exact list of findings is
// the golden test, tests/golden.)
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <cmath>
#include <tuple>

#include "reportcheck/ods.h"
#include "reportcheck/rules.h"

using namespace reportcheck;

namespace {

const std::string kRoot = REPORTCHECK_SOURCE_DIR;

struct Report : ::testing::Test {
    static void SetUpTestSuite() {
        wb_ = new Workbook(readOds(kRoot + "/sample-workbooks/bao-cao-536.ods"));
        rules_ = new RuleSet(RuleSet::compileFile(kRoot + "/rules/report-536.rules"));
        base_ = new Result(rules_->run(*wb_));
    }
    static void TearDownTestSuite() {
        delete base_;
        delete rules_;
        delete wb_;
    }
    static Workbook* wb_;
    static RuleSet* rules_;
    static Result* base_;

    static Sheet& sheet(Workbook& wb, const std::string& name) {
        for (auto& s : wb.sheets)
            if (s.name() == name) return s;
        throw std::runtime_error("no sheet " + name);
    }
    static std::vector<const Finding*> at(const Result& r, const std::string& sheet, const std::string& cell) {
        std::vector<const Finding*> out;
        for (const auto& f : r.findings)
            if (f.sheet == sheet && f.cell() == cell && f.severity != Severity::Info) out.push_back(&f);
        return out;
    }
    // What the findings say (an already wrong cell that gets "more wrong" changes it).
    using Sig = std::tuple<std::string, std::string, std::string, double, double, int>;
    static std::vector<Sig> signature(const Result& r) {
        std::vector<Sig> s;
        for (const auto& f : r.findings)
            s.emplace_back(f.ruleId, f.sheet, f.cell(), f.actual, f.expected, static_cast<int>(f.status));
        return s;
    }
    // Adds `delta` to a number cell in a copy and returns the new findings at that cell.
    static std::vector<const Finding*> mutate(Workbook& copy, Result& out, const std::string& sheetName, int row, int col,
                                              double delta) {
        Sheet& s = sheet(copy, sheetName);
        Cell c = s.at(row, col);
        EXPECT_EQ(c.kind, Cell::Kind::Number) << sheetName << " " << cellName(row, col);
        c.number += delta;
        s.set(row, col, c);
        out = rules_->run(copy);
        return at(out, sheetName, cellName(row, col));
    }
};
Workbook* Report::wb_;
RuleSet* Report::rules_;
Result* Report::base_;

}  // namespace

TEST_F(Report, TheReportHasFindingsAndTheConsistentTablesNone) {
    EXPECT_GT(base_->errors(), 0);
    EXPECT_GT(rules_->size(), 100u);
    // Biểu 1 (264 văn bản) adds up as printed.
    for (const auto& f : base_->findings) EXPECT_NE(f.sheet, "Biểu 1") << f.message.en;
}

// Rows whose numbers no arithmetic of the report relates to anything else; a
// statistician signs them off as "not checkable" (rules/report-536.rules says why).
static bool standsAlone(const std::string& sheet, const std::string& label) {
    static const std::set<std::pair<std::string, std::string>> rows = {
        // a heading row that prints 0 instead of nothing
        {"Biểu 14", "Trong đó:"}, {"Biểu 23", "*Phân tích tổng số theo:"}, {"Biểu 24", "*Phân tích tổng số theo:"},
        // counts outside every section's sum and bound
        {"Biểu 14", "Số lượng người hoạt động không chuyên trách cấp xã"},
        {"Biểu 14", "Số lượng người hoạt động không chuyên trách ở thôn, tổ dân"},
        {"Biểu 26", "Đánh giá cán bộ"}, {"Biểu 26", "Thực hiện chế độ, chính sách cán bộ"},
        // group counts whose only parts are 0: bounded above only, and already loose
        {"Biểu 5", "Số trường tiểu học và THCS"}, {"Biểu 5", "Số trạm y tế"}, {"Biểu 5", "Số doanh nghiệp"},
        // the high end of a target range without an achieved value
        {"Chỉ tiêu", "Kết nạp đảng viên mới hằng năm (% tổng số đảng viên)"},
    };
    return rows.count({sheet, label}) > 0;
}

// The achieved value of a stated share (Chỉ tiêu row 16: 3.950 USD, "đạt 71% so với mục
// tiêu Đại hội"): the report does not state the target, so nothing relates F16 to anything
// until D16 is known. The stated share H16 is checked.
static bool cellStandsAlone(const std::string& sheet, int row, int col) {
    return sheet == "Chỉ tiêu" && cellName(row, col) == "F16";
}

static std::string rowLabel(const Sheet& s, int row) {
    for (int c : {1, 0})
        if (s.at(row, c).kind == Cell::Kind::Text) return s.at(row, c).text;
    return {};
}

// Every number of every table is covered by some rule: making it much larger or
// much smaller changes what the findings say.
TEST_F(Report, EveryNumberOfEveryTableIsChecked) {
    for (const Sheet& s : wb_->sheets) {
        const std::string& name = s.name();
        int checked = 0, unchecked = 0;
        for (int r = 0; r < s.rows(); ++r)
            for (int c = 1; c < s.cols(); ++c) {
                const Cell& cell = s.at(r, c);
                if (cell.kind != Cell::Kind::Number || standsAlone(name, rowLabel(s, r)) || cellStandsAlone(name, r, c))
                    continue;
                // Much larger breaks sums and upper bounds; much smaller breaks lower bounds.
                bool seen = false;
                for (double v : {cell.number + 1e6, cell.number > 0 ? std::floor(cell.number / 2) - 1 : -1.0}) {
                    Workbook copy = *wb_;
                    Cell m = cell;
                    m.number = v;
                    sheet(copy, name).set(r, c, m);
                    seen = seen || signature(rules_->run(copy)) != signature(*base_);
                }
                (seen ? checked : unchecked)++;
                if (!seen) ADD_FAILURE() << name << "!" << cellName(r, c) << " (" << cell.number << ") is not checked by any rule";
            }
        EXPECT_GT(checked, 0) << name;
    }
}

TEST_F(Report, ChangedTotalIsFoundAtThatCell) {
    Workbook copy = *wb_;
    Result r;
    // Biểu 3, "Cộng (I+....+II)" 2020, column 10: 87.107 đảng viên
    auto found = mutate(copy, r, "Biểu 3", 34, 9, 1);
    ASSERT_FALSE(found.empty());
    EXPECT_EQ(found[0]->actual, 87108);
    EXPECT_EQ(found[0]->expected, 87107);
    EXPECT_TRUE(at(*base_, "Biểu 3", "J35").empty());
}

TEST_F(Report, ChangedColumnFormulaIsFoundAtThatCell) {
    Workbook copy = *wb_;
    Result r;
    // Biểu 3, "1. Xã" 2020, column 4 (=5+6+7): 184
    auto found = mutate(copy, r, "Biểu 3", 9, 3, 1);
    ASSERT_FALSE(found.empty());
    EXPECT_EQ(found[0]->actual, 185);
}

TEST_F(Report, ChangedBreakdownIsFoundAtItsGroupHeader) {
    Workbook copy = *wb_;
    Result r;
    // Biểu 6 "Tuổi đời" group, 18 đến 30 tuổi, 31/12/2020: 13.616 -> 13.617
    const Sheet& s = sheet(copy, "Biểu 6");
    int row = -1;
    for (int i = 0; i < s.rows() && row < 0; ++i)
        if (s.at(i, 1).kind == Cell::Kind::Text && s.at(i, 1).text == "18 đến 30 tuổi") row = i;
    ASSERT_GE(row, 0);
    mutate(copy, r, "Biểu 6", row, 2, 1);
    EXPECT_GT(r.errors(), base_->errors());
}

TEST_F(Report, FixingAWrongPercentageRemovesItsFinding) {
    // Biểu 11 row "Loại hình khác", 31/12/2020: 13 / 280 printed as 61,9
    auto before = at(*base_, "Biểu 11", "E13");
    ASSERT_FALSE(before.empty());
    double right = before[0]->expected;
    EXPECT_DOUBLE_EQ(right, 4.6);
    Workbook copy = *wb_;
    Sheet& s = sheet(copy, "Biểu 11");
    Cell c = s.at(12, 4);
    c.number = right;
    s.set(12, 4, c);
    Result r = rules_->run(copy);
    EXPECT_TRUE(at(r, "Biểu 11", "E13").empty());
    EXPECT_LT(r.errors() + r.warnings(), base_->errors() + base_->warnings());
}

TEST_F(Report, RecomputedValuesMakeDerivedRulesHold) {
    // Writing what recompute writes makes every derived percentage consistent.
    Workbook copy = *wb_;
    ASSERT_FALSE(base_->derived.empty());
    for (const auto& d : base_->derived)
        sheet(copy, d.sheet).set(d.row, d.col, d.isText ? Cell::makeText(d.text) : Cell::makeNumber(d.number));
    Result r = rules_->run(copy);
    EXPECT_TRUE(r.derived.empty());
    EXPECT_TRUE(at(r, "Biểu 11", "E13").empty());
}

// Rules anchor on labels and headers: a row inserted into Biểu 3 and a column
// inserted into Biểu 6 move the findings with the cells, and change nothing else.
TEST_F(Report, InsertedRowsAndColumnsKeepTheFindings) {
    auto insert = [](const Sheet& s, int atRow, int atCol) {
        Sheet out(s.name());
        for (int r = 0; r < s.rows(); ++r)
            for (int c = 0; c < s.cols(); ++c) {
                const Cell& cell = s.at(r, c);
                if (cell.kind == Cell::Kind::Empty) continue;
                out.set(r + (atRow >= 0 && r >= atRow), c + (atCol >= 0 && c >= atCol), cell);
            }
        if (atRow >= 0) out.set(atRow, 0, Cell::makeText("Dòng chèn thêm"));  // Biểu 3's labels are in A
        return out;
    };
    Workbook copy = *wb_;
    for (auto& s : copy.sheets) {
        if (s.name() == "Biểu 3") s = insert(s, 20, -1);  // inside the 2020 block
        if (s.name() == "Biểu 6") s = insert(s, -1, 2);   // before the 31/12/2020 column
    }
    Result r = rules_->run(copy);
    auto moved = [](const Finding& f) {
        int row = f.row, col = f.col;
        if (f.sheet == "Biểu 3" && row >= 20) --row;
        if (f.sheet == "Biểu 6" && col >= 2) --col;
        return std::make_tuple(f.ruleId, f.sheet, cellName(row, col), f.expected, f.actual);
    };
    std::vector<std::tuple<std::string, std::string, std::string, double, double>> a, b;
    for (const auto& f : base_->findings) a.emplace_back(f.ruleId, f.sheet, f.cell(), f.expected, f.actual);
    for (const auto& f : r.findings) b.push_back(moved(f));
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(a, b);
    for (const auto& x : b)
        if (std::find(a.begin(), a.end(), x) == a.end())
            ADD_FAILURE() << "new: " << std::get<0>(x) << " " << std::get<1>(x) << "!" << std::get<2>(x);
    for (const auto& x : a)
        if (std::find(b.begin(), b.end(), x) == b.end())
            ADD_FAILURE() << "lost: " << std::get<0>(x) << " " << std::get<1>(x) << "!" << std::get<2>(x);
}

// The blank template a district office fills in: its embedded rules find nothing
// wrong in an empty form, only that no target has an achieved value yet.
TEST(Template, BlankFormOnlyAsksForTheTargets) {
    Workbook wb = readOds(kRoot + "/sample-workbooks/mau-trong.ods");
    ASSERT_FALSE(wb.embeddedRules.empty());
    Result r = RuleSet::compile(wb.embeddedRules, "embedded", Limits::untrusted()).run(wb);
    EXPECT_EQ(r.errors(), 0);
    EXPECT_GT(r.warnings(), 0);
    for (const auto& f : r.findings) {
        EXPECT_EQ(f.kind, FindingKind::Target) << f.sheet << "!" << f.cell() << " " << f.message.en;
        EXPECT_EQ(f.status, TargetStatus::None);
    }
}
