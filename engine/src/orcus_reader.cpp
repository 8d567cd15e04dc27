// liborcus (0.17) -> Workbook. orcus parses the file and calls our import
// interfaces for every sheet, string, value, formula result and style; we keep
// the cells compactly (32 bytes each, text in one pool) while orcus runs, check
// every bound as the calls arrive, and build the Workbook once at the end.
//
// Why bounds here and not in orcus: orcus trusts the file (a sheet dimension, a
// repeat count or a zip entry's size is taken as given), so a hostile file
// could make it allocate without limit. We check the zip's entries before orcus
// sees them and refuse a call that would exceed a bound by throwing; orcus
// unwinds, and every exception becomes one ReadError.
#include "orcus_reader.h"
#include "formula_results.h"
#include "read_notes.h"
#include "text_encoding.h"

#include <orcus/exception.hpp>
#include <orcus/csv_parser.hpp>
#include <orcus/orcus_csv.hpp>
#include <orcus/orcus_ods.hpp>
#include <orcus/orcus_xlsx.hpp>
#include <orcus/spreadsheet/import_interface.hpp>
#include <zip.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "reportcheck/arithmetic.h"
#include "reportcheck/read.h"
#include "xlsx_gaps.h"

namespace ss = orcus::spreadsheet;

namespace reportcheck {

namespace {

// Calc's own bounds, and what one run may hold.
constexpr int kMaxRows = 1 << 20, kMaxCols = 1 << 14;
constexpr size_t kMaxSheets = 10000;              // Calc's limit
// Values, as the .ods reader: Calc's full height (1,048,576 rows) × 16 columns.
constexpr size_t kMaxCells = size_t(1) << 24;
constexpr size_t kMaxTextBytes = 64u << 20;       // all strings together, as the .ods reader
constexpr size_t kMaxSlots = size_t(1) << 24;     // cells the Workbook's rows would hold (Sheet::kSlotBytes each), as the .ods reader
constexpr size_t kMaxFormats = 1'000'000;         // styles, xfs, number formats, format ranges
// Cells given a format, values or not (.xlsx writes formatted empty cells): 16 bytes each.
constexpr size_t kMaxFormattedCells = 24'000'000;
// orcus 0.17 inflates an entry whole before parsing it, so the XML, the cells
// and the parser's own state are in memory together. What the entries may
// declare follows the package's size, as in the .ods reader (ods_reader.cpp,
// kMaxInflateRatio): XML deflates 10–40×, so 100× the package is never reached
// by a real file (a 1,048,576 × 7 sheet: 36 MB, 225 MiB of sheet XML), and a
// zip bomb's memory stays proportional to its size; at least 256 MiB, at most 2 GiB.
constexpr zip_uint64_t kMinUnzippedBytes = 256u << 20;
constexpr zip_uint64_t kMaxUnzippedBytes = 2ull << 30;
constexpr zip_uint64_t kMaxInflateRatio = 100;
// The file itself is read into memory (orcus parses from memory).
constexpr zip_uint64_t kMaxFileBytes = 1ull << 30;
// A CSV not in UTF-8 is converted whole (text_encoding.h): held three times over
// while converting. 256 MiB is far beyond a sheet's 64 MiB of cell text.
constexpr size_t kMaxConvertedCsvBytes = size_t(256) << 20;

[[noreturn]] void fail(const std::string& path, const std::string& en, const std::string& vi) {
    throw ReadError(Text(path + ": " + vi, path + ": " + en));
}

// One cell as orcus gave it. The newest write of a position wins (a formula's
// cached result after the cell's own value, for instance).
struct RawCell {
    int32_t row, col;
    uint32_t seq;       // order of arrival, to keep the newest
    uint8_t kind;       // Cell::Kind
    uint8_t date = 0;   // a Number shown as a date (Cell::date)
    uint32_t str = 0;   // Text / Error: index into the string pool
    double number = 0;
};

static_assert(sizeof(RawCell) <= 32, "a cell is kept in 32 bytes while orcus runs");

struct Store;


bool looksLikeError(std::string_view t) {
    static const char* errs[] = {"#VALUE!", "#DIV/0!", "#REF!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "Err:"};
    for (const char* e : errs)
        if (t.substr(0, std::strlen(e)) == e) return true;
    return false;
}

// A CSV field as a decimal number the way Calc's text import reads one with
// "detect special numbers" off (its default): sign, digits, thousands grouped
// in threes by the separator that is not the decimal one ("87.107" = 87107 and
// "1.234,5" = 1234.5 with a decimal comma), one decimal separator, and an
// exponent only when written plainly ("1E5", "2.5e-3" with a decimal dot, as the
// number scanner also takes it). Anything else — "1.5" with a decimal comma,
// "12.34.5", "94,8%", "(5)", "5-", "$5", "5 ₫" (special numbers: LibreOffice 7.4,
// checked), dates — stays text, as there.
bool csvNumber(std::string_view v, char decimal, double& out) {
    const char group = decimal == ',' ? '.' : ',';
    std::string plain;
    size_t i = 0, n = v.size();
    if (i < n && (v[i] == '-' || v[i] == '+')) plain += v[i++];
    size_t intStart = i, lastGroup = std::string::npos;
    int groups = 0;
    for (; i < n; ++i) {
        char c = v[i];
        if (c >= '0' && c <= '9') plain += c;
        else if (c == group) {
            // First group: 1–3 digits; later ones exactly 3.
            size_t run = i - (lastGroup == std::string::npos ? intStart : lastGroup + 1);
            if (run < 1 || run > 3 || (lastGroup != std::string::npos && run != 3)) return false;
            lastGroup = i;
            ++groups;
        } else break;
    }
    if (i == intStart && !(i + 1 < n && v[i] == decimal)) return false;  // no digits at all (".5" is a number)
    if (groups > 0 && i - lastGroup - 1 != 3) return false;
    if (i < n && v[i] == decimal) {
        plain += '.';
        ++i;
        while (i < n && v[i] >= '0' && v[i] <= '9') plain += v[i++];
    }
    if (i < n && (v[i] == 'e' || v[i] == 'E') && groups == 0) {
        plain += 'e';
        ++i;
        if (i < n && (v[i] == '-' || v[i] == '+')) plain += v[i++];
        size_t digits = i;
        while (i < n && v[i] >= '0' && v[i] <= '9') plain += v[i++];
        if (i == digits) return false;
    }
    if (i != n) return false;
    char* end = nullptr;
    double d = std::strtod(plain.c_str(), &end);  // only digits, '.', 'e' and signs: no locale involved
    if (!end || *end != '\0' || !std::isfinite(d)) return false;
    out = d == 0 ? 0.0 : d;  // "-0" is 0 in Calc
    return true;
}

// A CSV field that Calc's text import takes as a date even without "detect
// special numbers": ISO 8601's extended form, YYYY-MM-DD (four digits of year
// or more, an optional '-' for BC), or YYYY-MM-DDThh:mm:ss with an optional
// fraction of a second after '.' or ','; a time 24:00:00 is the next day's
// start. Every other writing of a date ("2024-1-5", "15/01/2024",
// "2024-01-15 10:30", "2024-01-15T10:30") stays text there, and here.
// Checked against LibreOffice 7.4 (formats_test.cpp, CsvIsoDatesAndSpacesAsCalcReadsThem).
bool csvIsoDate(std::string_view v, long long originDays, double& out) {
    size_t i = 0;
    auto digits = [&](size_t n, long long& x) {  // exactly n digits (n == 0: at least four)
        const size_t from = i;
        x = 0;
        while (i < v.size() && v[i] >= '0' && v[i] <= '9' && (n == 0 || i - from < n)) {
            if (x > 1000000) return false;
            x = x * 10 + (v[i++] - '0');
        }
        return n == 0 ? i - from >= 4 : i - from == n;
    };
    const bool bc = i < v.size() && v[i] == '-';
    if (bc) ++i;
    long long y, m, d, h = 0, mi = 0, sec = 0;
    if (!digits(0, y) || i >= v.size() || v[i++] != '-' || !digits(2, m) || i >= v.size() || v[i++] != '-' ||
        !digits(2, d))
        return false;
    double fraction = 0;
    if (i < v.size()) {
        if (v[i++] != 'T' || !digits(2, h) || i >= v.size() || v[i++] != ':' || !digits(2, mi) || i >= v.size() ||
            v[i++] != ':' || !digits(2, sec))
            return false;
        if (i < v.size()) {
            if (v[i] != '.' && v[i] != ',') return false;
            const size_t from = ++i;
            double scale = 0.1;
            for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i, scale /= 10) fraction += (v[i] - '0') * scale;
            if (i == from || i != v.size()) return false;
        }
        if (mi > 59 || sec > 59 || h > 24 || (h == 24 && (mi || sec || fraction > 0))) return false;
    }
    long long days;
    if (!calcCalendarDay(bc ? -y : y, static_cast<int>(m), static_cast<int>(d), days)) return false;
    out = static_cast<double>(days - originDays) + (static_cast<double>(h * 3600 + mi * 60 + sec) + fraction) / 86400.0;
    return true;
}

// The field separator of a CSV, decided from its first lines (at most 20 lines
// or 64 KiB, outside quoted fields) among ',' ';' and tab: the one found the
// same number of times (at least once) on every sampled line wins; between
// several, the most frequent; with none consistent, the most frequent overall;
// with none at all, ','. This is what a person does in Calc's Text Import
// dialog, whose default (the last choice, first ',') fits only English exports:
// an Excel set to Vietnamese or most European languages writes ';' between
// fields because ',' is its decimal separator.
char csvSeparator(std::string_view bytes) {
    static const char kCandidates[] = {',', ';', '\t'};
    constexpr size_t kSampleBytes = 64 << 10, kSampleLines = 20;
    std::vector<std::array<long long, 3>> lines(1, {0, 0, 0});
    bool quoted = false;
    for (size_t i = 0; i < bytes.size() && i < kSampleBytes; ++i) {
        char c = bytes[i];
        if (c == '"') quoted = !quoted;  // a doubled quote toggles twice
        else if (quoted) continue;
        else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
            if (lines.size() == kSampleLines) break;
            lines.push_back({0, 0, 0});
        } else {
            for (int k = 0; k < 3; ++k) lines.back()[k] += c == kCandidates[k];
        }
    }
    // A last line cut by the sample, or the empty one after a final line break, says nothing.
    if (lines.size() > 1 && (lines.back() == std::array<long long, 3>{0, 0, 0} || bytes.size() > kSampleBytes)) lines.pop_back();
    int best = -1;
    long long bestCount = 0;
    for (int k = 0; k < 3; ++k) {
        long long first = lines.front()[k];
        bool same = first > 0;
        for (const auto& l : lines) same = same && l[k] == first;
        if (same && first > bestCount) best = k, bestCount = first;
    }
    if (best >= 0) return kCandidates[best];
    long long total[3] = {0, 0, 0};
    for (const auto& l : lines)
        for (int k = 0; k < 3; ++k) total[k] += l[k];
    for (int k = 0; k < 3; ++k)
        if (total[k] > bestCount) best = k, bestCount = total[k];
    return best >= 0 ? kCandidates[best] : ',';
}

// The decimal separator a CSV's numbers are written with, as the person who
// opens it picks the language in Calc's Text Import dialog. What the field
// separator says stands (';' is what offices whose decimal separator is ','
// write between fields, ',' and tab the others) unless the first fields (64
// KiB, quoted or not) say the other: more of them are numbers only under the
// other ("47,5", "1.234,5" say ','; "1.5", "2,000,000" say '.'; "87,107" says
// nothing), and in at least two columns. One column is not enough: a report's
// numbering ("1.1", "1.2" in its STT column) would otherwise turn the grouped
// thousands of a Vietnamese file ("87.107") into decimals, silently.
char csvDecimal(std::string_view bytes, char separator) {
    constexpr size_t kSampleBytes = 64 << 10, kMaxField = 64;
    const std::string_view sample = bytes.substr(0, kSampleBytes);
    const char usual = separator == ';' ? ',' : '.', other = usual == ',' ? '.' : ',';
    long long forUsual = 0, forOther = 0;
    uint64_t otherColumns = 0;  // columns 0..62 a bit each, the rest bit 63
    std::string field;
    bool tooLong = false;  // a field of over 64 bytes is no number
    int column = 0;
    auto judge = [&] {
        std::string_view f = field;  // spaces around a number do not matter (autoValue)
        while (!f.empty() && f.front() == ' ') f.remove_prefix(1);
        while (!f.empty() && f.back() == ' ') f.remove_suffix(1);
        double d;
        const bool u = !tooLong && csvNumber(f, usual, d), o = !tooLong && csvNumber(f, other, d);
        forUsual += u && !o;
        if (o && !u) {
            ++forOther;
            otherColumns |= uint64_t(1) << std::min(column, 63);
        }
        field.clear();
        tooLong = false;
    };
    bool quoted = false;
    for (size_t i = 0; i < sample.size(); ++i) {
        const char ch = sample[i];
        if (ch == '"') {
            if (quoted && i + 1 < sample.size() && sample[i + 1] == '"') field += sample[++i];
            else quoted = !quoted;
        } else if (!quoted && (ch == separator || ch == '\n' || ch == '\r')) {
            judge();
            column = ch == separator ? column + 1 : 0;
        } else if (field.size() < kMaxField) {
            field += ch;
        } else {
            tooLong = true;
        }
    }
    return forOther > forUsual && __builtin_popcountll(otherColumns) >= 2 ? other : usual;
}

// Everything read so far, shared by the interface objects.
struct Store {
    std::string path;
    std::vector<std::string> strings;  // shared strings and inline texts
    size_t textBytes = 0, cells = 0;
    uint32_t seq = 0;
    long long originDays = daysFromCivil(1899, 12, 30);
    // CSV: the decimal separator of the office that wrote it (csvDecimal); the
    // other of '.' and ',' groups thousands.
    char decimal = '.';
    // CSV: fields written as formulas ("=SUM(B2:B4)"), which Calc's import computes.
    PendingFormulas formulas;  // computed once read, as formula_results.h says

    size_t addString(std::string_view s) {
        textBytes += s.size();
        if (textBytes > kMaxTextBytes) fail(path, "too much text", "quá nhiều chữ");
        strings.emplace_back(s);
        return strings.size() - 1;
    }
    void countCell(size_t n = 1) {
        cells += n;
        if (cells > kMaxCells) fail(path, "too many cells", "quá nhiều ô");
    }
    void checkPosition(long long row, long long col) const {
        if (row < 0 || col < 0 || row >= kMaxRows || col >= kMaxCols)
            fail(path, "cell outside Calc's 1,048,576 rows x 16,384 columns", "ô nằm ngoài giới hạn của Calc");
    }
    void checkFormats(size_t n) const {
        if (n > kMaxFormats) fail(path, "too many styles", "quá nhiều kiểu định dạng");
    }
};

class SharedStrings : public ss::iface::import_shared_strings {
public:
    explicit SharedStrings(Store& s) : s_(s) {}
    size_t append(std::string_view v) override { return s_.addString(v); }
    // orcus may hand the same string twice through add() and expects one index;
    // a second index holding the same text reads the same, and costs less than
    // hashing every string (we only ever look strings up by index).
    size_t add(std::string_view v) override { return s_.addString(v); }
    void set_segment_font(size_t) override {}
    void set_segment_bold(bool) override {}
    void set_segment_italic(bool) override {}
    void set_segment_font_name(std::string_view) override {}
    void set_segment_font_size(double) override {}
    void set_segment_font_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
    void append_segment(std::string_view v) override {
        if (segment_.size() + v.size() > kMaxTextBytes) fail(s_.path, "too much text", "quá nhiều chữ");
        segment_.append(v);
    }
    size_t commit_segments() override {
        size_t i = s_.addString(segment_);
        segment_.clear();
        return i;
    }

private:
    Store& s_;
    std::string segment_;
};

// Only what decides the decimals a number shows: number format codes and the
// cell formats (xf) that point at them.
class Styles : public ss::iface::import_styles {
public:
    explicit Styles(Store& s) : s_(s) {}

    // Decimals of cell format `xf`, -1 when General / unknown.
    int decimals(size_t xf) const {
        if (xf >= xfs_.size()) return -1;
        size_t id = xfs_[xf];
        // xlsx: the xf holds numFmtId; ids below 164 without a code are Excel's built-ins.
        auto code = byId_.find(id);
        if (code != byId_.end()) return decimalsOfFormatCode(code->second);
        return builtinDecimals(id);
    }

    void set_font_count(size_t) override {}
    void set_font_bold(bool) override {}
    void set_font_italic(bool) override {}
    void set_font_name(std::string_view) override {}
    void set_font_size(double) override {}
    void set_font_underline(ss::underline_t) override {}
    void set_font_underline_width(ss::underline_width_t) override {}
    void set_font_underline_mode(ss::underline_mode_t) override {}
    void set_font_underline_type(ss::underline_type_t) override {}
    void set_font_underline_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
    void set_font_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
    void set_strikethrough_style(ss::strikethrough_style_t) override {}
    void set_strikethrough_type(ss::strikethrough_type_t) override {}
    void set_strikethrough_width(ss::strikethrough_width_t) override {}
    void set_strikethrough_text(ss::strikethrough_text_t) override {}
    size_t commit_font() override { return fonts_++; }
    void set_fill_count(size_t) override {}
    void set_fill_pattern_type(ss::fill_pattern_t) override {}
    void set_fill_fg_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
    void set_fill_bg_color(ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
    size_t commit_fill() override { return fills_++; }
    void set_border_count(size_t) override {}
    void set_border_style(ss::border_direction_t, ss::border_style_t) override {}
    void set_border_color(ss::border_direction_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t, ss::color_elem_t) override {}
    void set_border_width(ss::border_direction_t, double, orcus::length_unit_t) override {}
    size_t commit_border() override { return borders_++; }
    void set_cell_hidden(bool) override {}
    void set_cell_locked(bool) override {}
    void set_cell_print_content(bool) override {}
    void set_cell_formula_hidden(bool) override {}
    size_t commit_cell_protection() override { return protections_++; }

    void set_number_format_count(size_t) override {}
    void set_number_format_identifier(size_t id) override { numId_ = id; hasId_ = true; }
    void set_number_format_code(std::string_view s) override { numCode_.assign(s.substr(0, 1024)); }
    size_t commit_number_format() override {
        // xlsx gives each code its numFmtId; .ods formats have none, and orcus
        // refers to them by the order they were committed in.
        size_t index = committed_++;
        byId_[hasId_ ? numId_ : index] = numCode_;
        s_.checkFormats(byId_.size());
        numCode_.clear();
        hasId_ = false;
        return index;
    }

    void set_cell_xf_count(size_t) override {}
    void set_cell_style_xf_count(size_t) override {}
    void set_dxf_count(size_t) override {}
    void set_xf_font(size_t) override {}
    void set_xf_fill(size_t) override {}
    void set_xf_border(size_t) override {}
    void set_xf_protection(size_t) override {}
    void set_xf_number_format(size_t index) override { xfNum_ = index; }
    void set_xf_style_xf(size_t) override {}
    void set_xf_apply_alignment(bool) override {}
    void set_xf_horizontal_alignment(ss::hor_alignment_t) override {}
    void set_xf_vertical_alignment(ss::ver_alignment_t) override {}
    size_t commit_cell_xf() override {
        xfs_.push_back(xfNum_);
        s_.checkFormats(xfs_.size());
        xfNum_ = 0;
        return xfs_.size() - 1;
    }
    size_t commit_cell_style_xf() override { xfNum_ = 0; return styleXfs_++; }
    size_t commit_dxf() override { xfNum_ = 0; return dxfs_++; }
    void set_cell_style_count(size_t) override {}
    void set_cell_style_name(std::string_view) override {}
    void set_cell_style_xf(size_t) override {}
    void set_cell_style_builtin(size_t) override {}
    void set_cell_style_parent_name(std::string_view) override {}
    size_t commit_cell_style() override { return cellStyles_++; }

private:
    // Excel's built-in number formats (ECMA-376 18.8.30) that show decimals.
    static int builtinDecimals(size_t id) {
        switch (id) {
            case 1: case 3: case 9: case 37: case 38: return 0;
            case 2: case 4: case 10: case 39: case 40: return 2;
            default: return -1;  // General, dates, times, text
        }
    }

    Store& s_;
    std::unordered_map<size_t, std::string> byId_;
    std::vector<size_t> xfs_;  // cell xf -> number format id
    size_t numId_ = 0, committed_ = 0, xfNum_ = 0;
    bool hasId_ = false;
    std::string numCode_;
    size_t fonts_ = 0, fills_ = 0, borders_ = 0, protections_ = 0, styleXfs_ = 0, dxfs_ = 0, cellStyles_ = 0;
};

class SheetImport;

// A formula's cached result is what the engine sees; the formula text is not kept.
class FormulaImport : public ss::iface::import_formula {
public:
    explicit FormulaImport(SheetImport& sheet) : sheet_(sheet) {}
    void set_position(ss::row_t row, ss::col_t col) override { row_ = row; col_ = col; kind_ = None; }
    void set_formula(ss::formula_grammar_t, std::string_view) override {}
    void set_shared_formula_index(size_t) override {}
    void set_result_string(std::string_view v) override { kind_ = String; text_.assign(v); }
    void set_result_value(double v) override { kind_ = Value; number_ = v; }
    void set_result_bool(bool v) override { kind_ = Value; number_ = v ? 1 : 0; }
    void set_result_empty() override { kind_ = None; }
    void commit() override;

private:
    enum Kind { None, Value, String };
    SheetImport& sheet_;
    ss::row_t row_ = 0;
    ss::col_t col_ = 0;
    Kind kind_ = None;
    double number_ = 0;
    std::string text_;
};

// An array formula's results come with positions relative to its range (the
// range may be given after them): kept until commit.
class ArrayFormulaImport : public ss::iface::import_array_formula {
public:
    explicit ArrayFormulaImport(SheetImport& sheet) : sheet_(sheet) {}
    void set_range(const ss::range_t& r) override { first_ = r.first; }
    void set_formula(ss::formula_grammar_t, std::string_view) override {}
    void set_result_string(ss::row_t row, ss::col_t col, std::string_view v) override {
        results_.push_back({row, col, 0, std::string(v.substr(0, 1 << 20)), true});
        bound();
    }
    void set_result_value(ss::row_t row, ss::col_t col, double v) override {
        results_.push_back({row, col, v, {}, false});
        bound();
    }
    void set_result_bool(ss::row_t row, ss::col_t col, bool v) override { set_result_value(row, col, v ? 1 : 0); }
    void set_result_empty(ss::row_t, ss::col_t) override {}
    void commit() override;

private:
    struct Result { ss::row_t row; ss::col_t col; double number; std::string text; bool isText; };
    void bound();
    SheetImport& sheet_;
    ss::address_t first_{0, 0};
    std::vector<Result> results_;
};

// Named ranges (workbook and sheet scope alike: the Workbook has one name space).
class NamedExpressions : public ss::iface::import_named_expression {
public:
    explicit NamedExpressions(Store& s) : s_(s) {}
    void set_base_position(const ss::src_address_t&) override {}
    void set_named_expression(std::string_view name, std::string_view expr) override { set(name, expr); }
    void set_named_range(std::string_view name, std::string_view range) override { set(name, range); }
    void commit() override {
        if (!name_.empty()) {
            Area a;
            if (parseNamedRange(expr_, a) && names.size() < kMaxFormats) names.emplace(name_, a);
        }
        name_.clear();
        expr_.clear();
    }
    std::map<std::string, Area> names;

private:
    void set(std::string_view n, std::string_view e) {
        name_.assign(n.substr(0, 1024));
        expr_.assign(e.substr(0, 4096));
    }
    Store& s_;
    std::string name_, expr_;
};

class SheetImport : public ss::iface::import_sheet {
public:
    SheetImport(Store& s, std::string name, NamedExpressions& names)
        : name(std::move(name)), s_(s), formula_(*this), array_(*this), names_(names) {}

    std::string name;
    std::vector<RawCell> cells;
    // (row << 14 | col, xf) in order of arrival: orcus sets a cell's format before
    // or after its value (a formula's result comes last), so they meet at build.
    struct FormatAt { uint64_t key; uint32_t xf; };
    std::vector<FormatAt> formats;
    struct FormatRange { int32_t r1, c1, r2, c2; uint32_t xf; };
    std::vector<FormatRange> formatRanges;

    ss::iface::import_formula* get_formula() override { return &formula_; }
    ss::iface::import_array_formula* get_array_formula() override { return &array_; }
    ss::iface::import_named_expression* get_named_expression() override { return &names_; }

    void set_auto(ss::row_t row, ss::col_t col, std::string_view s) override { autoValue(row, col, s); }
    void set_string(ss::row_t row, ss::col_t col, ss::string_id_t id) override {
        if (id >= s_.strings.size()) fail(s_.path, "a cell refers to a missing string", "ô trỏ tới chuỗi không có");
        if (s_.strings[id].empty()) return;  // Calc keeps no empty text cell
        put(row, col, Cell::Kind::Text, 0, static_cast<uint32_t>(id));
    }
    void set_value(ss::row_t row, ss::col_t col, double v) override { put(row, col, Cell::Kind::Number, v); }
    void set_bool(ss::row_t row, ss::col_t col, bool v) override { put(row, col, Cell::Kind::Number, v ? 1 : 0); }
    void set_date_time(ss::row_t row, ss::col_t col, int y, int m, int d, int h, int mi, double sec) override {
        // Calc keeps dates as serial days from the null date (1899-12-30 unless the file says otherwise).
        if (m < 1 || m > 12 || d < 1 || d > 31 || y < -10000 || y > 10000) return;
        double days = static_cast<double>(daysFromCivil(y, m, d) - s_.originDays);
        put(row, col, Cell::Kind::Number, days + (h * 3600.0 + mi * 60.0 + sec) / 86400.0);
    }
    void set_format(ss::row_t row, ss::col_t col, size_t xf) override {
        s_.checkPosition(row, col);
        if (formats.size() >= kMaxFormattedCells) fail(s_.path, "too many formatted cells", "quá nhiều ô có định dạng");
        formats.push_back({key(row, col), static_cast<uint32_t>(std::min<size_t>(xf, UINT32_MAX))});
    }
    void set_format(ss::row_t r1, ss::col_t c1, ss::row_t r2, ss::col_t c2, size_t xf) override {
        formatRanges.push_back({r1, c1, r2, c2, static_cast<uint32_t>(std::min<size_t>(xf, UINT32_MAX))});
        s_.checkFormats(formatRanges.size());
    }
    void fill_down_cells(ss::row_t row, ss::col_t col, ss::row_t n) override {
        // orcus calls this right after the source cell, for a repeated row: look back within that row.
        if (n <= 0) return;
        s_.checkPosition(static_cast<long long>(row) + n, col);
        const RawCell* src = nullptr;
        for (auto it = cells.rbegin(); it != cells.rend() && it->row == row; ++it)
            if (it->col == col) { src = &*it; break; }
        if (!src) return;
        RawCell c = *src;
        s_.countCell(static_cast<size_t>(n));
        for (ss::row_t i = 1; i <= n; ++i) {
            c.row = row + i;
            c.seq = s_.seq++;
            cells.push_back(c);
        }
    }
    ss::range_size_t get_sheet_size() const override {
        ss::range_size_t r;
        r.rows = kMaxRows;
        r.columns = kMaxCols;
        return r;
    }

    void put(long long row, long long col, Cell::Kind kind, double number, uint32_t str = 0, bool date = false) {
        s_.checkPosition(row, col);
        s_.countCell();
        RawCell c;
        c.row = static_cast<int32_t>(row);
        c.col = static_cast<int32_t>(col);
        c.seq = s_.seq++;
        c.kind = static_cast<uint8_t>(kind);
        c.date = date;
        c.number = number;
        c.str = str;
        cells.push_back(c);
    }
    void putText(long long row, long long col, std::string_view text) {
        if (text.empty()) return;
        Cell::Kind kind = Cell::Kind::Text;
        put(row, col, kind, 0, static_cast<uint32_t>(s_.addString(text)));
    }
    void putFormulaText(long long row, long long col, std::string_view text) {
        if (text.empty()) return;
        put(row, col, looksLikeError(text) ? Cell::Kind::Error : Cell::Kind::Text, 0,
            static_cast<uint32_t>(s_.addString(text)));
    }
    [[noreturn]] void tooManyCells() const { fail(s_.path, "too many cells", "quá nhiều ô"); }
    static uint64_t key(long long row, long long col) { return static_cast<uint64_t>(row) << 14 | static_cast<uint64_t>(col); }

private:
    // A CSV field, as Calc's text import reads it without "detect special
    // numbers" (LibreOffice 7.4, checked): a decimal number (with thousands
    // grouped by the other separator: csvNumber) or an ISO 8601 date, each
    // with spaces around it or not, is a number; an ISO date and time only as
    // written exactly; TRUE / FALSE and anything else are text.
    void autoValue(long long row, long long col, std::string_view s) {
        // orcus 0.17 reads one byte past the end of a field left open by an
        // unclosed quote at the end of the file: the NUL that ends our buffer
        // (the bytes are always a std::string's). It is not part of the field.
        while (!s.empty() && s.back() == '\0') s.remove_suffix(1);
        if (s.empty()) return;
        // "=…": Calc's import evaluates it as a formula. Kept as its text until
        // formula_results computes it (where it can; the note says the rest).
        if (s.size() > 1 && s[0] == '=') {
            PendingFormula f;
            f.sheet = name;
            f.row = static_cast<int>(row);
            f.col = static_cast<int>(col);
            // Calc reads it in the file's language: with a decimal comma, "1,5" and
            // the separator of arguments are its own, not computed here.
            if (s_.decimal == '.') f.text = std::string(s.substr(1, PendingFormulas::kMaxFormulaChars + 1));
            s_.formulas.add(std::move(f));
        }
        double d;
        if (csvIsoDate(s, s_.originDays, d)) return put(row, col, Cell::Kind::Number, d, 0, true);
        std::string_view t = s;
        while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
        while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
        if (!t.empty() && t.size() < s.size()) {
            if (t.find('T') == std::string_view::npos && csvIsoDate(t, s_.originDays, d))
                return put(row, col, Cell::Kind::Number, d, 0, true);
        }
        if (!t.empty() && csvNumber(t, s_.decimal, d)) return put(row, col, Cell::Kind::Number, d);
        putText(row, col, s);
    }

    Store& s_;
    FormulaImport formula_;
    ArrayFormulaImport array_;
    NamedExpressions& names_;
};

void FormulaImport::commit() {
    if (kind_ == Value) sheet_.put(row_, col_, Cell::Kind::Number, number_);
    else if (kind_ == String) sheet_.putFormulaText(row_, col_, text_);
    kind_ = None;
}
void ArrayFormulaImport::bound() {
    if (results_.size() > kMaxCells) sheet_.tooManyCells();
}
void ArrayFormulaImport::commit() {
    for (const Result& r : results_) {
        long long row = static_cast<long long>(first_.row) + r.row, col = static_cast<long long>(first_.column) + r.col;
        if (r.isText) sheet_.putFormulaText(row, col, r.text);
        else sheet_.put(row, col, Cell::Kind::Number, r.number);
    }
    results_.clear();
    first_ = {0, 0};
}

class GlobalSettings : public ss::iface::import_global_settings {
public:
    explicit GlobalSettings(Store& s) : s_(s) {}
    void set_origin_date(int y, int m, int d) override {
        if (m >= 1 && m <= 12 && d >= 1 && d <= 31 && y > 1000 && y < 3000) s_.originDays = daysFromCivil(y, m, d);
    }
    void set_default_formula_grammar(ss::formula_grammar_t g) override { grammar_ = g; }
    ss::formula_grammar_t get_default_formula_grammar() const override { return grammar_; }
    void set_character_set(orcus::character_set_t) override {}

private:
    Store& s_;
    ss::formula_grammar_t grammar_ = ss::formula_grammar_t::unknown;
};

// orcus asks for references to be resolved (a cell's r="B7", merged ranges,
// names' base positions): "B7", "$B$7", "Sheet1!B7", "A1:C3" (Excel) and
// "$Sheet1.$B$7", ".B7" (OpenDocument). The sheet is left to orcus (-1).
class ReferenceResolver : public ss::iface::import_reference_resolver {
public:
    ss::src_address_t resolve_address(std::string_view a) override {
        ss::src_address_t out{};
        if (!parse(a, out)) throw std::invalid_argument("bad cell reference");
        return out;
    }
    ss::src_range_t resolve_range(std::string_view r) override {
        ss::src_range_t out{};
        size_t colon = r.find(':');
        if (!parse(r.substr(0, colon), out.first)) throw std::invalid_argument("bad range reference");
        out.last = out.first;
        if (colon != std::string_view::npos && !parse(r.substr(colon + 1), out.last))
            throw std::invalid_argument("bad range reference");
        if (colon != std::string_view::npos && out.last.sheet < 0) out.last.sheet = out.first.sheet;
        return out;
    }

private:
    static bool parse(std::string_view a, ss::src_address_t& out) {
        out.sheet = -1;  // the sheet is the one being read; names come with their own base position
        size_t sep = std::string_view::npos;
        bool quoted = false;
        for (size_t i = 0; i < a.size(); ++i) {
            if (a[i] == '\'') quoted = !quoted;
            else if ((a[i] == '!' || a[i] == '.') && !quoted) sep = i;
        }
        std::string cell(sep == std::string_view::npos ? a : a.substr(sep + 1));
        cell.erase(std::remove(cell.begin(), cell.end(), '$'), cell.end());
        int row = 0, col = 0;
        if (cell.size() > 16 || !parseCell(cell, row, col) || row >= kMaxRows || col >= kMaxCols) return false;
        out.row = row;
        out.column = col;
        return true;
    }
};

class Factory : public ss::iface::import_factory {
public:
    ss::iface::import_reference_resolver* get_reference_resolver(ss::formula_ref_context_t) override { return &resolver_; }
    Factory(Store& s, std::string onlySheetName)
        : s_(s), strings_(s), styles_(s), settings_(s), names_(s), onlySheetName_(std::move(onlySheetName)) {}

    ss::iface::import_global_settings* get_global_settings() override { return &settings_; }
    ss::iface::import_shared_strings* get_shared_strings() override { return &strings_; }
    ss::iface::import_styles* get_styles() override { return &styles_; }
    ss::iface::import_named_expression* get_named_expression() override { return &names_; }
    ss::iface::import_sheet* append_sheet(ss::sheet_t, std::string_view name) override {
        if (sheets_.size() >= kMaxSheets) fail(s_.path, "too many sheets", "quá nhiều trang tính");
        std::string n = onlySheetName_.empty() ? std::string(name.substr(0, 1024)) : onlySheetName_;
        sheets_.push_back(std::make_unique<SheetImport>(s_, std::move(n), names_));
        return sheets_.back().get();
    }
    ss::iface::import_sheet* get_sheet(std::string_view name) override {
        for (auto& s : sheets_)
            if (s->name == name) return s.get();
        return nullptr;
    }
    ss::iface::import_sheet* get_sheet(ss::sheet_t i) override {
        return i >= 0 && static_cast<size_t>(i) < sheets_.size() ? sheets_[i].get() : nullptr;
    }
    void finalize() override {}
    Store& store() { return s_; }
    SheetImport* sheetByName(const std::string& name) {
        for (auto& s : sheets_)
            if (s->name == name) return s.get();
        return nullptr;
    }

    // Builds the Workbook: cells in (row, col, arrival) order, the newest write of a
    // position kept, decimals from the cell's format for numbers.
    Workbook build(const std::string& path) {
        Workbook wb;
        wb.path = path;
        size_t slots = 0;
        for (auto& sp : sheets_) {
            SheetImport& si = *sp;
            Sheet& sheet = wb.addSheet(si.name);
            // The newest format of a position wins: stable sort, keep the last of each key.
            std::stable_sort(si.formats.begin(), si.formats.end(),
                             [](const SheetImport::FormatAt& a, const SheetImport::FormatAt& b) { return a.key < b.key; });
            auto& cells = si.cells;
            std::sort(cells.begin(), cells.end(), [](const RawCell& a, const RawCell& b) {
                return a.row != b.row ? a.row < b.row : a.col != b.col ? a.col < b.col : a.seq < b.seq;
            });
            // The Workbook keeps each row as long as its last cell: bound what that allocates.
            for (size_t i = 0; i < cells.size(); ++i)
                if (i + 1 == cells.size() || cells[i + 1].row != cells[i].row) {
                    slots += static_cast<size_t>(cells[i].col) + 1;
                    if (slots > kMaxSlots) fail(path, "cells spread too widely", "ô trải quá rộng");
                }
            for (size_t i = 0; i < cells.size(); ++i) {
                const RawCell& c = cells[i];
                if (i + 1 < cells.size() && cells[i + 1].row == c.row && cells[i + 1].col == c.col) continue;
                auto kind = static_cast<Cell::Kind>(c.kind);
                if (kind == Cell::Kind::Number && c.date) {
                    sheet.set(c.row, c.col, Cell::makeDate(c.number));
                } else if (kind == Cell::Kind::Number) {
                    sheet.set(c.row, c.col, Cell::makeNumber(c.number, styles_.decimals(formatOf(si, c.row, c.col))));
                } else if (kind == Cell::Kind::Text) {
                    if (s_.strings[c.str].empty()) continue;  // Calc keeps no empty text cell
                    sheet.set(c.row, c.col, Cell::makeText(s_.strings[c.str]));
                } else if (kind == Cell::Kind::Error) {
                    sheet.set(c.row, c.col, Cell::makeError(s_.strings[c.str]));
                }
            }
            std::vector<RawCell>().swap(cells);  // free as we go
            std::vector<SheetImport::FormatAt>().swap(si.formats);
        }
        wb.names = names_.names;
        return wb;
    }

private:
    static size_t formatOf(const SheetImport& si, int row, int col) {
        uint64_t k = SheetImport::key(row, col);
        auto f = std::upper_bound(si.formats.begin(), si.formats.end(), k,
                                  [](uint64_t key, const SheetImport::FormatAt& x) { return key < x.key; });
        if (f != si.formats.begin() && (f - 1)->key == k) return (f - 1)->xf;
        for (auto it = si.formatRanges.rbegin(); it != si.formatRanges.rend(); ++it)
            if (row >= it->r1 && row <= it->r2 && col >= it->c1 && col <= it->c2) return it->xf;
        return 0;
    }

    Store& s_;
    SharedStrings strings_;
    Styles styles_;
    GlobalSettings settings_;
    NamedExpressions names_;
    ReferenceResolver resolver_;
    std::string onlySheetName_;  // CSV: Calc names the one sheet after the file
    std::vector<std::unique_ptr<SheetImport>> sheets_;
};

// orcus reads whole zip entries into memory with the sizes the zip declares:
// check them first, with libzip, so a zip bomb is refused before it is inflated.
void checkZip(std::string_view bytes, const std::string& path) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &ze);
    if (!src) fail(path, "cannot read the zip", "không đọc được tệp zip");
    zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!z) {
        zip_source_free(src);
        zip_error_fini(&ze);
        fail(path, "not a valid zip package", "không phải gói zip hợp lệ");
    }
    zip_uint64_t total = 0;
    const zip_uint64_t limit = std::min<zip_uint64_t>(kMaxUnzippedBytes, std::max<zip_uint64_t>(kMinUnzippedBytes, kMaxInflateRatio * bytes.size()));
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        if (zip_stat_index(z, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) continue;
        if (st.size > limit || total + st.size > limit) {  // total <= limit: no wrap
            zip_discard(z);
            fail(path, "a part of the package is too large", "một phần của tệp quá lớn");
        }
        total += st.size;
    }
    zip_discard(z);
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, "cannot open", "không mở được tệp");
    in.seekg(0, std::ios::end);
    std::streamoff size = in.tellg();
    if (size < 0) fail(path, "cannot read", "không đọc được tệp");
    if (static_cast<unsigned long long>(size) > kMaxFileBytes) fail(path, "file too large", "tệp quá lớn");
    std::string data(static_cast<size_t>(size), '\0');
    in.seekg(0);
    in.read(data.data(), size);
    if (!in) fail(path, "cannot read", "không đọc được tệp");
    return data;
}

std::string baseName(const std::string& path) {
    size_t slash = path.find_last_of('/');
    std::string b = slash == std::string::npos ? path : path.substr(slash + 1);
    size_t dot = b.find_last_of('.');
    return dot == std::string::npos || dot == 0 ? b : b.substr(0, dot);
}

}  // namespace

// "Sheet1!$A$1:$B$2", "'Biểu 1'!$C$5" (xlsx) or "$'Biểu 1'.$C$5:.$D$6" (ods).
bool parseNamedRange(std::string e, Area& out) {
    if (e.size() > 3 && e.compare(0, 3, "of:") == 0) e = e.substr(3);
    if (!e.empty() && e.front() == '[' && e.back() == ']') e = e.substr(1, e.size() - 2);
    auto part = [](const std::string& s, std::string& sheet, int& row, int& col) {
        size_t sep = std::string::npos;
        bool q = false;
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '\'') q = !q;
            else if ((s[i] == '!' || s[i] == '.') && !q) sep = i;
        }
        std::string cell = sep == std::string::npos ? s : s.substr(sep + 1);
        cell.erase(std::remove(cell.begin(), cell.end(), '$'), cell.end());
        if (sep != std::string::npos && sep > 0) {
            sheet = s.substr(0, sep);
            if (!sheet.empty() && sheet[0] == '$') sheet.erase(0, 1);
            if (sheet.size() >= 2 && sheet.front() == '\'' && sheet.back() == '\'') {
                sheet = sheet.substr(1, sheet.size() - 2);
                for (size_t p = sheet.find("''"); p != std::string::npos; p = sheet.find("''", p + 1)) sheet.erase(p, 1);
            }
        }
        return parseCell(cell, row, col);
    };
    size_t colon = e.find(':');
    std::string sheet;
    if (!part(e.substr(0, colon), sheet, out.row1, out.col1)) return false;
    out.sheet = sheet;
    out.row2 = out.row1;
    out.col2 = out.col1;
    if (colon != std::string::npos) {
        std::string s2;
        if (!part(e.substr(colon + 1), s2, out.row2, out.col2)) return false;
    }
    return !out.sheet.empty();
}

bool isDateFormatCode(std::string_view code) {
    // The first section, without quoted text, escaped characters and [brackets] ([$-42A], [h]).
    bool quoted = false;
    for (size_t i = 0; i < code.size(); ++i) {
        const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
        if (quoted) { if (c == '"') quoted = false; continue; }
        if (c == '"') { quoted = true; continue; }
        if (c == '\\' || c == '_' || c == '*') { ++i; continue; }
        if (c == '[') { size_t e = code.find(']', i); if (e == std::string_view::npos) break; i = e; continue; }
        if (c == ';') break;
        if (c == 'y' || c == 'd') return true;  // a year or a day: m alone may be minutes
    }
    return false;
}

namespace {

// One section of a number format code, without its quoted text, escaped and
// padding characters and bracketed parts; `currency` when a bracket was a
// currency ("[$₫-42A]") or a '$' stood unquoted, `conditional` for "[>100]".
struct FormatSection {
    std::string plain;
    bool literal = false;  // quoted or escaped text too: the section is not empty
    bool currency = false, conditional = false;
};

std::vector<FormatSection> formatSections(std::string_view code) {
    std::vector<FormatSection> out(1);
    bool quoted = false;
    for (size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (quoted) {
            if (c == '"') quoted = false;
            continue;
        }
        if (c == '"') {
            quoted = true;
            out.back().literal = true;  // even "": Calc takes it for text
        } else if (c == '\\' || c == '_' || c == '*') {
            out.back().literal = true;
            ++i;  // a literal or padding character
        } else if (c == '[') {  // [Red], [$-42A], [>100]: not digits
            const size_t e = code.find(']', i);
            if (e == std::string_view::npos) break;
            if (i + 1 < code.size() && (code[i + 1] == '<' || code[i + 1] == '>' || code[i + 1] == '=')) out.back().conditional = true;
            // [$₫-42A], [$$-409]: a currency; [$-42A]: a language alone
            if (i + 1 < code.size() && code[i + 1] == '$' && e > i + 2 && code[i + 2] != '-') out.back().currency = true;
            i = e;
        } else if (c == ';') {
            if (out.size() == 4) break;
            out.emplace_back();
        } else {
            if (c == '$') out.back().currency = true;
            out.back().plain += c;
        }
    }
    return out;
}

// What Calc makes of one section: 'n' number, '%' percentage, 'c' currency,
// 'd' date or time, 'e' scientific, 'f' fraction, 'g' General, 't' literal
// text only (no digit), ' ' empty.
char sectionKind(const FormatSection& sec) {
    const std::string& s = sec.plain;
    if (s.empty()) return sec.literal ? 't' : ' ';
    std::string lower;
    for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.find("general") != std::string::npos) return 'g';
    if (lower.find_first_of("ymdhs") != std::string::npos) return 'd';
    if (lower.find("e+") != std::string::npos || lower.find("e-") != std::string::npos) return 'e';
    if (s.find('/') != std::string::npos) return 'f';
    if (s.find_first_of("0#?") == std::string::npos) return 't';
    if (s.find('%') != std::string::npos) return '%';
    return sec.currency ? 'c' : 'n';
}

}  // namespace

int decimalsOfFormatCode(std::string_view code) {
    const std::vector<FormatSection> sections = formatSections(code);
    // Conditions ("[>=1000]#,##0;[<1000]0.0") do not change the typing below: the
    // first section's decimals, 0 there (LibreOffice 7.4 on 23 such formats of an
    // .xlsx). A condition on the third section is one Calc does not take
    // ("[>0]0.0;[<0]-0.0;[=0]0.0"): it shows the number as General.
    if (sections.size() >= 3 && sections[2].conditional) return -1;
    const FormatSection& first = sections[0];
    if (first.plain == "@") return -1;
    // Decimals are the first section's, the one for positive numbers, when Calc
    // types the format as a number, percentage or currency. Its sections for
    // negatives and zero must be of that type too, or Calc types the whole
    // format "user-defined" and reports no decimals: "0.0;-0.0;\"-\"" and
    // "0.0;-0.0;\"\"" have a zero section of text alone. A section with '@' is
    // the one for text wherever it stands ("0.00;@"), and does not count
    // (LibreOffice 7.4, tests/formats/producer_parity.py and xlsxwriter's files).
    const char kind = sectionKind(first);
    if (kind != 'n' && kind != '%' && kind != 'c') return -1;  // General, text, dates, scientific, fractions
    for (size_t i = 1; i < sections.size() && i < 3; ++i) {
        if (sections[i].plain.find('@') != std::string::npos) continue;
        char k = sectionKind(sections[i]);
        if (k == 'g') k = 'n';  // "0.0;General", "[>=0]0.00;[<0]0.00;General" (how Calc writes conditions): a number
        if (k != ' ' && k != kind) return -1;
    }
    const std::string& s = first.plain;
    const size_t dot = s.find('.');
    if (dot == std::string::npos) return 0;
    // Every digit after the point, thousands separators among them skipped, as
    // Calc counts them ("#.##0,00" shows 5); dashes in their place, how Calc
    // writes its "#,##0.--" currencies, count as decimals too.
    int n = 0;
    if (dot + 1 < s.size() && s[dot + 1] == '-') {
        for (size_t i = dot + 1; i < s.size() && s[i] == '-'; ++i) ++n;
        return n;
    }
    for (size_t i = dot + 1; i < s.size() && (s[i] == '0' || s[i] == '#' || s[i] == '?' || s[i] == ','); ++i) n += s[i] != ',';
    return n;
}

// Fields from orcus's CSV parser into the one sheet, as orcus_csv would put them.
struct CsvCells {
    ss::iface::import_sheet* sheet;
    Store& store;
    long long row = 0, col = 0;
    void begin_parse() {}
    void end_parse() {}
    void begin_row() { col = 0; }
    void end_row() { ++row; }
    void cell(const char* p, size_t n, bool /*transient: copied at once*/) {
        if (n > 0) {
            store.checkPosition(row, col);  // before the narrowing to orcus's types
            sheet->set_auto(static_cast<ss::row_t>(row), static_cast<ss::col_t>(col), std::string_view(p, n));
        }
        ++col;
    }
};

Workbook readWithOrcusBytes(std::string_view bytes, OrcusFormat format, const std::string& path) {
    Store store;
    store.path = path;
    Factory factory(store, format == OrcusFormat::Csv ? baseName(path) : std::string());
    try {
        DecodedText decoded{std::string(), "UTF-8"};
        bool decimalFromNumbers = false;  // the numbers, not the field separator, told the decimal separator
        if (format == OrcusFormat::Csv) {
            // Excel writes "CSV UTF-8" with a byte order mark (Calc drops it, orcus
            // would keep it in A1); other encodings become UTF-8 (text_encoding.h).
            decoded = textAsUtf8(bytes, kMaxConvertedCsvBytes);
            bytes = decoded.utf8;
            // orcus ends lines at '\n' only, and refuses '"x"\r\n': Windows line
            // ends (Excel's) and old Mac ones become '\n', as Calc reads them.
            std::string unixLines;
            if (bytes.find('\r') != std::string_view::npos) {
                unixLines.reserve(bytes.size() + 1);
                for (size_t i = 0; i < bytes.size(); ++i) {
                    if (bytes[i] != '\r') unixLines += bytes[i];
                    else if (i + 1 >= bytes.size() || bytes[i + 1] != '\n') unixLines += '\n';
                }
                bytes = unixLines;  // still NUL-terminated: see autoValue
            }
            // orcus_csv knows only ',': its parser, given the separator found.
            orcus::csv::parser_config config;
            // Excel's "Unicode Text" (UTF-16) is separated by tabs, whatever else its fields hold.
            const bool unicodeText = std::string_view(decoded.encoding) == "UTF-16" && bytes.find('\t') != std::string_view::npos;
            config.delimiters = std::string(1, unicodeText ? '\t' : csvSeparator(bytes));
            config.text_qualifier = '"';
            config.trim_cell_value = false;
            store.decimal = csvDecimal(bytes, config.delimiters[0]);
            decimalFromNumbers = store.decimal != (config.delimiters[0] == ';' ? ',' : '.');
            CsvCells handler{factory.append_sheet(0, "csv"), store};
            orcus::csv_parser<CsvCells> parser(bytes.data(), bytes.size(), handler, config);
            parser.parse();
        } else {
            checkZip(bytes, path);
            if (format == OrcusFormat::Xlsx) {
                orcus::orcus_xlsx reader(&factory);
                reader.read_stream(bytes);
                // What orcus 0.17 drops or gets wrong, read again (xlsx_gaps.h).
                Store& store = factory.store();
                findXlsxGaps(
                    bytes,
                    [&](size_t index) {
                        if (index < store.strings.size()) store.strings[index].clear();
                    },
                    [&](const std::string& sheetName, int row, int col, XlsxGap kind, const std::string& text) {
                        SheetImport* sheet = factory.sheetByName(sheetName);
                        if (!sheet) return;
                        if (kind == XlsxGap::Error) sheet->putFormulaText(row, col, text);
                        else if (kind == XlsxGap::InlineString) sheet->putText(row, col, text);
                        else sheet->put(row, col, Cell::Kind::Number, text == "1" ? 1 : 0);
                    });
            } else {
                orcus::orcus_ods reader(&factory);
                reader.read_stream(bytes);
            }
        }
        Workbook wb = factory.build(path);
        computeFormulaResults(wb, store.formulas, store.originDays);
        if (std::string_view(decoded.encoding) != "UTF-8")
            wb.notes.push_back({std::string("Tệp không ở mã UTF-8: đã đọc theo mã ") + decoded.encoding +
                                    (std::string_view(decoded.encoding) == "Windows-1258" ? " (tiếng Việt của Windows)" : ""),
                                std::string("The file is not UTF-8: read as ") + decoded.encoding +
                                    (std::string_view(decoded.encoding) == "Windows-1258" ? " (Vietnamese Windows)" : "")});
        // Said, as the language is in Calc's dialog: how "87.107" was read.
        if (decimalFromNumbers)
            wb.notes.push_back(store.decimal == ','
                                   ? ReadNote{"Số đọc với dấu thập phân ',' và dấu '.' tách hàng nghìn (như 1.234,5), theo cách tệp ghi số",
                                              "Numbers read with ',' as the decimal separator and '.' between thousands (as in 1.234,5), "
                                              "as the file writes them"}
                                   : ReadNote{"Số đọc với dấu thập phân '.' và dấu ',' tách hàng nghìn (như 1,234.5), theo cách tệp ghi số",
                                              "Numbers read with '.' as the decimal separator and ',' between thousands (as in 1,234.5), "
                                              "as the file writes them"});
        return wb;
    } catch (const ReadError&) {
        throw;
    } catch (const std::bad_alloc&) {
        fail(path, "out of memory while reading", "hết bộ nhớ khi đọc");
    } catch (const TextTooLargeToConvert&) {
        fail(path, "not UTF-8, and larger than " + std::to_string(kMaxConvertedCsvBytes >> 20) +
                       " MiB to convert (limit of the reader): save it as \"CSV UTF-8\"",
             "không ở mã UTF-8 và lớn hơn " + std::to_string(kMaxConvertedCsvBytes >> 20) +
                 " MiB để chuyển mã (giới hạn của trình đọc): hãy lưu thành \"CSV UTF-8\"");
    } catch (const std::exception& e) {
        fail(path, std::string("cannot read (") + e.what() + ")", "tệp hỏng, không đọc được");
    }
}

Workbook readWithOrcus(const std::string& path, OrcusFormat format) {
    return readWithOrcusBytes(slurp(path), format, path);
}

}  // namespace reportcheck
