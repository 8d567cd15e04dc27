// The element and attribute names the .ods reader acts on, as tokens. The
// parser reports a name as two pointers into its dictionary (prefix, local
// name), where each distinct string is stored once; ods_reader.cpp turns such a
// pair into a token once per distinct pair (a cache keyed by the pointers), so
// the hot path compares small integers instead of building and comparing
// "table:table-cell" for every node (issue 11: the copies and compares were
// most of the reader's own time). Names are qualified as written, as they were
// compared before: a file that binds the table namespace to another prefix is
// read as it always was.
#pragma once

#include <cstdint>
#include <cstring>

namespace reportcheck::ods_names {

enum class Tok : uint8_t {
    Other,  // every name the reader does not act on
    // elements
    TableTable, TableTableColumn, TableTableRow, TableTableCell, TableCoveredTableCell, TableNamedRange, TableNamedExpression,
    TextP, TextH, TextS, TextTab, TextLineBreak, OfficeAnnotation,
    NumberNumberStyle, NumberPercentageStyle, NumberCurrencyStyle, NumberNumber, StyleStyle,
    MetaUserDefined, ManifestEncryptionData,
    // attributes
    OfficeValueType, CalcextValueType, OfficeValue, TableFormula, OfficeBooleanValue, TableStyleName, OfficeStringValue,
    OfficeDateValue, OfficeTimeValue, TableNumberColumnsRepeated, TableName, TableDefaultCellStyleName, TableNumberRowsRepeated,
    TableCellRangeAddress, TableExpression, MetaName, TextC, StyleName, NumberDecimalPlaces, StyleFamily, StyleDataStyleName,
    StyleParentStyleName,
    // added later: a data style's conditions (style:map) and the text data style
    StyleMap, NumberTextStyle, StyleApplyStyleName, NumberDateStyle, NumberTimeStyle, NumberBooleanStyle,
    StyleCondition,
    // added later: what decides a currency's decimals when decimal-places is absent
    NumberMinDecimalPlaces, LoextMinDecimalPlaces, NumberDecimalReplacement, NumberLanguage,
    Count
};

// In the order of Tok (Other excepted): prefix and local name as written.
struct QName {
    const char* prefix;
    const char* local;
};
inline constexpr QName kNames[] = {
    {"table", "table"}, {"table", "table-column"}, {"table", "table-row"}, {"table", "table-cell"},
    {"table", "covered-table-cell"}, {"table", "named-range"}, {"table", "named-expression"},
    {"text", "p"}, {"text", "h"}, {"text", "s"}, {"text", "tab"}, {"text", "line-break"}, {"office", "annotation"},
    {"number", "number-style"}, {"number", "percentage-style"}, {"number", "currency-style"}, {"number", "number"},
    {"style", "style"}, {"meta", "user-defined"}, {"manifest", "encryption-data"},
    {"office", "value-type"}, {"calcext", "value-type"}, {"office", "value"}, {"table", "formula"}, {"office", "boolean-value"},
    {"table", "style-name"}, {"office", "string-value"}, {"office", "date-value"}, {"office", "time-value"},
    {"table", "number-columns-repeated"}, {"table", "name"}, {"table", "default-cell-style-name"},
    {"table", "number-rows-repeated"}, {"table", "cell-range-address"}, {"table", "expression"}, {"meta", "name"},
    {"text", "c"}, {"style", "name"}, {"number", "decimal-places"}, {"style", "family"}, {"style", "data-style-name"},
    {"style", "parent-style-name"},
    {"style", "map"}, {"number", "text-style"}, {"style", "apply-style-name"},
    {"number", "date-style"}, {"number", "time-style"}, {"number", "boolean-style"},
    {"style", "condition"},
    {"number", "min-decimal-places"}, {"loext", "min-decimal-places"}, {"number", "decimal-replacement"}, {"number", "language"},
};
static_assert(sizeof kNames / sizeof kNames[0] == static_cast<size_t>(Tok::Count) - 1, "one name per token");

// The token of a name by its strings (the slow path: once per distinct
// pointer pair). A name without prefix is never one of ours.
inline Tok tokenOf(const char* prefix, const char* local) {
    if (!prefix || !local) return Tok::Other;
    for (size_t i = 0; i < sizeof kNames / sizeof kNames[0]; ++i)
        if (!std::strcmp(kNames[i].local, local) && !std::strcmp(kNames[i].prefix, prefix)) return static_cast<Tok>(i + 1);
    return Tok::Other;
}

// The token of a name as written ("table:table-cell"), as libxml2's SAX1
// callbacks report it: the part before the first colon is the prefix, the
// rest the local name. Our local names hold no colon, so this matches exactly
// the names SAX2 splits into one of our (prefix, local name) pairs.
inline Tok tokenOfQName(const char* qname) {
    if (!qname) return Tok::Other;
    const char* colon = std::strchr(qname, ':');
    if (!colon) return Tok::Other;
    const size_t plen = static_cast<size_t>(colon - qname);
    for (size_t i = 0; i < sizeof kNames / sizeof kNames[0]; ++i)
        if (std::strlen(kNames[i].prefix) == plen && !std::memcmp(kNames[i].prefix, qname, plen) && !std::strcmp(kNames[i].local, colon + 1))
            return static_cast<Tok>(i + 1);
    return Tok::Other;
}

}  // namespace reportcheck::ods_names
