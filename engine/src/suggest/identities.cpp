// Cross-sheet identities: a row labelled the same on two sheets (each label
// naming one row of its sheet) that shows the same figure, once in each row,
// is the same quantity reported twice — a check keeps the two in step.
// Small figures and years agree by chance and are left out.
#include <cmath>
#include <cstdint>
#include <map>

#include "sheet_writer.h"

namespace reportcheck::suggest {

namespace {

constexpr size_t kMaxIdentities = 200;          // a draft to review, not a dump
constexpr uint64_t kMaxComparisons = 20000000;  // bounds the work on large workbooks
constexpr size_t kMaxSheets = 64;

bool telling(double v) {
    if (!std::isfinite(v) || std::fabs(v) < 10) return false;
    return !(v == std::floor(v) && v >= 1900 && v <= 2100);  // a year
}

// The row's figures that occur once in it: value -> column.
std::map<double, int> onceInRow(const Sheet& s, int r) {
    std::map<double, int> seen;
    std::map<double, int> n;
    for (int c = 0; c < s.cols(); ++c) {
        const Cell& x = s.at(r, c);
        if (x.kind != Cell::Kind::Number || !telling(x.number)) continue;
        seen[x.number] = c;
        ++n[x.number];
    }
    for (auto it = seen.begin(); it != seen.end();)
        it = n[it->first] == 1 ? std::next(it) : seen.erase(it);
    return seen;
}

}  // namespace

std::string identityRules(const Workbook& wb, const std::vector<SheetSuggestions>& sheets) {
    struct Side {
        const Sheet* sheet;
        std::string name;
        std::map<std::string, int> rows;  // unique label -> row
        int labelCol;
    };
    std::vector<Side> sides;
    for (const auto& ss : sheets) {
        if (sides.size() >= kMaxSheets || ss.labelCol < 0) continue;
        if (ss.sheet.find_first_of("'\"\n") != std::string::npos) continue;
        const Sheet* sh = wb.sheet(ss.sheet);
        if (!sh) continue;
        SheetWriter w(*sh, ss.labelCol);
        Side side{sh, ss.sheet, {}, ss.labelCol};
        for (int r = 0; r < sh->rows(); ++r) {
            std::string l = w.uniqueLabel(r);
            if (!l.empty()) side.rows[l] = r;
        }
        sides.push_back(std::move(side));
    }
    std::string o;
    size_t found = 0;
    uint64_t work = 0;
    for (size_t i = 0; i < sides.size() && found < kMaxIdentities && work < kMaxComparisons; ++i)
        for (size_t j = i + 1; j < sides.size() && found < kMaxIdentities && work < kMaxComparisons; ++j)
            for (const auto& [label, ra] : sides[i].rows) {
                auto rb = sides[j].rows.find(label);
                if (rb == sides[j].rows.end()) continue;
                auto a = onceInRow(*sides[i].sheet, ra);
                auto b = onceInRow(*sides[j].sheet, rb->second);
                work += static_cast<uint64_t>(sides[i].sheet->cols()) + static_cast<uint64_t>(sides[j].sheet->cols());
                for (const auto& [v, ca] : a) {
                    auto cb = b.find(v);
                    if (cb == b.end()) continue;
                    if (found == 0)
                        o += "\n# ── Giữa các trang / across sheets ──\n"
                             "# Cùng nhãn dòng, cùng số trên hai trang: một số liệu báo hai lần.\n"
                             "# The same row label with the same figure on two sheets: one figure reported twice.\n"
                             // Rules live in a sheet section; the references name both sheets.
                             "sheet \"" + sides[i].name + "\"\nlabels " + columnName(sides[i].labelCol) + "\n";
                    ++found;
                    std::string id = "X.same-" + std::to_string(found);
                    std::string left = "'" + sides[i].name + "'!@\"" + label + "\"." + columnName(ca);
                    std::string right = "'" + sides[j].name + "'!@\"" + label + "\"." + columnName(cb->second);
                    o += "\n# \"" + label + "\": " + sides[i].name + " " + cellName(ra, ca) + " = " + sides[j].name + " " +
                         cellName(rb->second, cb->second) + "\n";
                    o += "check " + id + " error: " + left + " = " + right + "\n";
                    o += "  vi \"«" + label + "»: " + sides[i].name + " ghi {actual}, " + sides[j].name +
                         " ghi {expected} (lệch {diff})\"\n";
                    o += "  en \"«" + label + "»: " + sides[i].name + " has {actual}, " + sides[j].name +
                         " has {expected} (off by {diff})\"\n";
                    if (found >= kMaxIdentities) break;
                }
                if (found >= kMaxIdentities || work >= kMaxComparisons) break;
            }
    return o;
}

}  // namespace reportcheck::suggest
