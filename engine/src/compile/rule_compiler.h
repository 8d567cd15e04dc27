// The rules compiler's one class, shared by the files that hold its parts
// (private to the engine). Statements are line based (see rules/README.md);
// expressions are handed to refs.cpp and muparser. Every problem becomes a
// Diagnostic with file, line and column, and parsing goes on so that lint can
// report them all.
//
// Where each part lives (engine/src/compile/):
//   driver.cpp       lines and statements of a text, diagnostics, RuleSet::compile / lint
//   statements.cpp   kStatements: one parser per statement keyword (sheet, labels, include …)
//   clauses.cpp      what every rule kind takes: rows, columns, for / within / vi / en
//   expressions.cpp  expressions to muparser, comparison and direction words
//   rule_kinds.cpp   kRuleKinds: a rule's head (id, attributes) and the table of kinds
//   check_kind.cpp, target_kind.cpp, total_kind.cpp   each kind's own parsers
#pragma once

#include <muParser.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "reportcheck/rules.h"
#include "rule_model.h"
#include "statement_lexer.h"

namespace reportcheck {

class RuleCompiler {
public:
    RuleCompiler(const Limits& l, RuleSet& out) : limits_(l), out_(out) {}

    void compileText(const std::string& text, const std::string& file, int depth);
    void finish();  // adds the "N more problems" line

    std::vector<Diagnostic> diags;

private:
    struct Line {
        std::string text;   // without comment
        int number = 0;     // 1-based
        int indent = 0;     // visual columns of leading white space
        size_t bodyStart = 0;
    };
    struct Statement {
        Line head;
        std::vector<Line> more;
    };

    const Limits& limits_;
    RuleSet& out_;
    std::uint64_t unlisted_ = 0;
    Diagnostic firstUnlisted_;
    bool rulesFull_ = false;  // maxRules or maxExpressionCharsTotal reached: said once, later rules are skipped unread
    std::uint64_t muChars_ = 0;
    Section section_;
    bool hasSection_ = false;
    bool placeholders_ = true, rounding_ = true;  // rule-set options: `placeholders off`, `rounding off`
    std::set<std::string> ids_;
    std::set<std::string> includeStack_;

    static bool isKeyword(const Token& t, const char* w) { return t.kind == Token::Word && t.text == w; }
    static std::string trimmed(const std::string& s);  // without spaces and tabs at either end

    // ---- driver.cpp: lines, diagnostics ----
    void diag(const std::string& file, int line, int col, std::string en, std::string vi);
    // (en, vi): the order the parsers were written in; the Text form for a
    // message that already travels as one (LexError, RefError).
    void diagAt(const std::string& file, const Line& l, size_t offset, std::string en, std::string vi);
    void diagAt(const std::string& file, const Line& l, size_t offset, const Text& t) { diagAt(file, l, offset, t.en, t.vi); }
    std::vector<Statement> splitStatements(const std::string& text, const std::string& file);
    void rejectControls(const std::string& file, int line, std::string& raw);
    bool tokens(const std::string& file, const Line& l, size_t from, std::vector<Token>& t);

    // ---- statements.cpp: one parser per keyword (kStatements) ----
    using StatementParser = void (RuleCompiler::*)(Statement&, const std::vector<Token>&, const std::string&, int);
    struct StatementSpec {
        const char* keyword;
        StatementParser parse;
    };
    static const StatementSpec kStatements[10];

    void statement(Statement& st, const std::string& file, int depth);
    bool expectEnd(const std::string& file, const Line& l, const std::vector<Token>& t, size_t k);
    void noMore(const std::string& file, const Statement& st);
    void includeStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int depth);
    void sheetStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int);
    void labelsStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int);
    void numbersStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int);
    void headersStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int);
    void optionStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int);
    void ruleStatement(Statement& st, const std::vector<Token>& t, const std::string& file, int) { rule(st, t, file); }
    bool requireSection(const std::string& file, const Line& l, const Token& kw);
    static std::string didYouMean(const std::string& word, const std::vector<std::string>& known, const char* lang);
    static bool toInt(const std::string& s, int& v);
    static bool toDouble(const std::string& s, double& v);
    void include(const std::string& file, const Line& l, const Token& name, int depth);

    // ---- clauses.cpp: rows, columns and the clauses every kind takes ----
    bool quotedLabel(const std::string& file, const Line& l, const std::vector<Token>& t, size_t& k,
                     const std::string& after, std::string& out);
    bool rowItems(const std::string& file, const Line& l, const std::vector<Token>& t, size_t& k, std::vector<SelItem>& out);
    bool colItems(const std::string& file, const Line& l, const std::vector<Token>& t, size_t& k, std::vector<SelItem>& out);
    bool clause(const std::string& file, const Line& l, const std::vector<Token>& t, size_t& k, Rule& r, bool& bad);
    bool checkPlaceholders(const std::string& file, const Line& l, const Token& s);

    // ---- expressions.cpp: expressions to muparser; the words that split a body ----
    bool expression(const std::string& file, const Line& l, size_t offset, const std::string& text, Expr& e);
    static size_t ifCall(const std::string& s);
    static void muMessage(const mu::ParserError& pe, const std::string& source, size_t src, std::string& en, std::string& vi);
    static bool additive(const Expr& e);
    bool muCompile(const std::string& file, const Line& l, size_t offset, Expr& e);
    static bool splitComparison(const std::string& s, size_t& at, size_t& len, CmpOp& op);
    static bool wordAt(const std::string& s, size_t i, const char* w, bool endOk);
    static bool findDirection(const std::string& s, size_t& at, size_t& len, TargetDirection& d);
    static bool findWord(const std::string& s, size_t from, const char* w, size_t& at);

    // ---- rule_kinds.cpp: the head (id, attributes, ':') is shared; each kind
    // has its body parser, its own continuation lines and its last check
    // (kRuleKinds). The evaluator runs a kind in Run::ruleBody. ----

    // What the kind's continuation-line parser made of a line.
    enum class LineUse { NotMine, Done, Bad };
    // A total's tree as its lines come: the open nodes and their indentation.
    struct TreeState {
        std::vector<std::pair<int, int>> stack;  // (indent, node)
        int rootIndent = -1;
        std::map<int, int> childIndent;  // node -> indentation of its parts
    };
    // false: the rule is dropped at once (later lines are not read); `bad`: it is
    // dropped after its continuation lines are checked too.
    using BodyParser = bool (RuleCompiler::*)(const std::string& file, const Line& h, size_t offset, const std::string& body,
                                              Rule& r, bool& bad);
    using LineParser = LineUse (RuleCompiler::*)(const std::string& file, const Line& l, const std::vector<Token>& ct, Rule& r,
                                                 TreeState& tree);
    using RuleFinish = bool (RuleCompiler::*)(const std::string& file, const Line& h, Rule& r);
    struct RuleKindSpec {
        const char* keyword;
        RuleKind kind;
        Severity severity;     // when the rule names none
        BodyParser body;
        LineParser line;       // continuation lines other than for / within / vi / en; nullptr: none
        const char* linesEn;   // what `line` accepts, for the message on a line nobody accepts
        const char* linesVi;
        RuleFinish finish;
    };
    static const RuleKindSpec kRuleKinds[3];

    const RuleKindSpec& kindSpec(const std::string& keyword);
    void rule(Statement& st, const std::vector<Token>& t, const std::string& file);
    bool ruleHead(const std::string& file, const Line& h, const std::vector<Token>& t, Rule& r, size_t& bodyOffset, bool& bad);

    // ---- check_kind.cpp ----
    int textBody(const std::string& file, const Line& h, size_t offset, const std::string& body, Rule& r, bool& bad);
    bool checkBody(const std::string& file, const Line& h, size_t offset, const std::string& body, Rule& r, bool& bad);
    bool checkIteration(const std::string& file, const Line& h, Rule& r);

    // ---- target_kind.cpp ----
    bool targetBody(const std::string& file, const Line& h, size_t offset, const std::string& body, Rule& r, bool& bad);
    LineUse targetLine(const std::string& file, const Line& l, const std::vector<Token>& ct, Rule& r, TreeState&);

    // ---- total_kind.cpp ----
    bool totalBody(const std::string& file, const Line& h, size_t offset, const std::string&, Rule& r, bool&);
    LineUse totalLine(const std::string& file, const Line& l, const std::vector<Token>& ct, Rule& r, TreeState& tree);
    int treeNode(const std::string& file, const Line& l, const std::vector<Token>& ct, Rule& r);
    bool buildParents(const std::string& file, const Line& h, Rule& r);
};

}  // namespace reportcheck
