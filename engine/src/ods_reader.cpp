// .ods -> Workbook with libzip (the package) and libxml2's SAX2 push parser
// (content.xml, styles.xml, meta.xml, the manifest). Reads only; the file is
// opened read-only. The file may come from anyone (issue 7): counters are
// 64-bit and saturating, what is kept is bounded by the limits below, and what
// Calc itself leaves out when it loads the file is left out with a note
// (Workbook::notes).
#include <libxml/parser.h>
#include <sys/stat.h>
#include <zip.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "numbers.h"
#include "ods_names.h"
#include "formula_results.h"
#include "read_notes.h"
#include "reader_bounds.h"
#include "xml_ready.h"
#include "reportcheck/arithmetic.h"
#include "reportcheck/embedding.h"
#include "reportcheck/ods.h"

namespace reportcheck {

namespace {

using namespace reader_bounds;
using ods_names::Tok;

// ---- Limits. The report's workbook (sample-workbooks/bao-cao-536.ods) uses a
// small fraction of each. The package bounds both zip readers share (bytes
// unzipped, side parts, nodes, cells, text) are in reader_bounds.h; these are
// the .ods reader's own.
// Characters of one cell's text; longer text is cut, with a note. 32,767 is the
// cell text limit of xlsx, the other format these reports travel in; it also
// bounds what <text:s text:c="…"/> expands to.
constexpr long long kMaxCellChars = 32'767;
// XML nodes (start and end tags: see XmlEntry::next) allowed per unzipped
// byte (beyond kMinXmlNodes): a value cell as Calc writes it is 4 tags in
// about 130 bytes, so one per kBytesPerNode bytes is never reached by such
// files; tiny elements meet it first.
constexpr long long kBytesPerNode = 16;
// Sheets: Calc's own maximum (LibreOffice 7.4: MAXTAB + 1); like Calc, the
// reader ignores the sheets after it.
constexpr long long kMaxSheets = 10'000;
// Bytes of names kept (sheets, cell and data styles, named ranges), with an
// overhead per entry so that many short names count too.
constexpr long long kMaxNameBytes = 16LL << 20;
constexpr long long kNameOverhead = 64;
// Decimals a number format shows: a double has 17 significant digits, so more
// than 20 changes nothing (and a huge value must not reach pow()).
constexpr int kMaxDecimals = 20;
// Calc's bounds.
constexpr long long kMaxRows = Sheet::kMaxRows, kMaxCols = Sheet::kMaxCols;

[[noreturn]] void passwordError(const std::string& path) {
    throw OdsError(Text(path + ": được bảo vệ bằng mật khẩu — mở bằng Calc và lưu một bản không đặt mật khẩu",
                        path + ": protected by a password — open it in Calc and save a copy without one"));
}

// A repeat count or text:c: at least 1 (also when absent), and saturating (strtoll stops at LLONG_MAX).
long long count(const char* v) {
    if (!v) return 1;
    long long n = std::strtoll(v, nullptr, 10);
    return n < 1 ? 1 : std::min(n, kFar);
}

// What the snapshot keeps, counted before it is allocated.
struct Budget {
    const std::string& path;
    long long storage = 0, textBytes = 0, nameBytes = 0;

    void keep(long long cells, long long newRows, long long text) {
        storage = addSat(storage, addSat(mulSat(cells, Sheet::kSlotBytes), mulSat(newRows, Sheet::kRowBytes)));
        if (storage > kMaxCellBytes)
            throw OdsError(Text(path + ": quá " + grouped(kMaxCells, '.') +
                                    " ô phải giữ (giới hạn của trình đọc; tính cả ô trống trước một giá trị và dòng trống trước một dòng có giá trị)",
                                path + ": more than " + grouped(kMaxCells, ',') +
                                    " cells to keep (limit of the reader; empty cells before a value and empty rows before a row with values count too)"));
        textBytes = addSat(textBytes, text);
        checkText(0);
    }
    // Before text is copied at all (the values of a row wait to be stored).
    void checkText(long long more) const {
        if (addSat(textBytes, more) > kMaxTextBytes)
            throw OdsError(Text(path + ": các ô chứa hơn " + mib(kMaxTextBytes) + " văn bản (giới hạn của trình đọc)",
                                path + ": the cells hold more than " + mib(kMaxTextBytes) + " of text (limit of the reader)"));
    }
    void name(size_t bytes) {
        nameBytes = addSat(nameBytes, static_cast<long long>(bytes) + kNameOverhead);
        if (nameBytes > kMaxNameBytes)
            throw OdsError(Text(path + ": tên trang, kiểu và vùng vượt quá " + mib(kMaxNameBytes) + " (giới hạn của trình đọc)",
                                path + ": more than " + mib(kMaxNameBytes) + " of sheet, style and range names (limit of the reader)"));
    }
};

// One package being read: the open zip and what its entries cost so far, all together.
struct Package {
    zip_t* z;
    const std::string& path;
    long long maxUnzipped, maxNodes;  // from the package's size (see kMaxInflateRatio)
    long long unzipped = 0, nodes = 0;

    Package(zip_t* zip, const std::string& p, long long archiveBytes)
        : z(zip), path(p),
          maxUnzipped(std::min(kMaxUnzippedBytes, std::max(kMinUnzippedBytes, mulSat(std::max(archiveBytes, 0LL), kMaxInflateRatio)))),
          maxNodes(std::max(kMinXmlNodes, maxUnzipped / kBytesPerNode)) {}
};

// A content.xml read in two halves, one per thread ("Two halves" below). The
// first half's entry asks it where to stop (decideCut) and gives up on it
// (abandonSplit); the second half's entry is cancelled through an atomic flag,
// and unwinds with Cancelled.
struct Split;
long long splitTarget(const Split& s);
long long decideCut(Split& s);
void abandonSplit(Split& s);
struct Cancelled {};

#if LIBXML_VERSION >= 21200
using XmlErrorArg = const xmlError*;
#else
using XmlErrorArg = xmlErrorPtr;
#endif

// One node as the parser reports it: an element's start or end, or text. A
// start always has its end (<a/> gives both), so nothing here asks whether an
// element is empty. Its name is a token (ods_names.h); its attributes and text
// are read through the entry (XmlEntry::attr, XmlEntry::text) while it is the
// current node.
struct XmlNode {
    enum Type : uint8_t { Start, End, Text } type = Text;
    Tok name = Tok::Other;
    int depth = 0;  // the root element is 0; text is one deeper than its element
    uint32_t attrBegin = 0, attrEnd = 0;  // its attributes among the entry's attrs_
    size_t textAt = 0, textLen = 0;       // its text in the entry's arena_
};

// One entry of the package parsed while it unzips: the XML never sits in
// memory whole, what is actually unzipped counts against the limits, and
// libxml2's own messages (which quote the file) are kept off stderr.
//
// Why libxml2's SAX2 push parser and not its xmlTextReader: the reader builds
// and frees a tree node for every element, attribute and text and hands each
// name and value back through calls that copy or compare; at Calc's full
// height that was 58 % of the read (docs/BENCHMARKS.md). Here each chunk that
// libzip inflates is pushed to the parser (xmlParseChunk), its callbacks only
// queue the chunk's nodes, and the readers below pull them with next() as
// they pulled the reader's nodes. Callbacks never throw (they run inside C);
// the bounds are checked as the nodes are pulled, so one chunk's nodes
// (bounded by the chunk's bytes) are all that can pile up.
class XmlEntry {
public:
    XmlEntry(Package& pkg, const char* name, long long maxBytes, bool required)
        : name_(name), path_(pkg.path), pkg_(pkg), maxBytes_(maxBytes), required_(required) {
        const std::string& path = pkg.path;
        zip_stat_t st;
        if (zip_stat(pkg.z, name, 0, &st) != 0) {
            if (!required) return;
            throw OdsError(Text(path + ": không phải tệp .ods (thiếu " + name + ")",
                                path + ": not an OpenDocument spreadsheet (no " + name + ")"));
        }
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) passwordError(path);
        file_.reset(zip_fopen(pkg.z, name, 0));
        if (!file_) throw OdsError(Text(path + ": không đọc được " + name, path + ": cannot read " + name));
    }
    XmlEntry(const XmlEntry&) = delete;
    XmlEntry& operator=(const XmlEntry&) = delete;

    explicit operator bool() const { return file_ != nullptr; }
    // What next(true) returns at the byte where a second half begins (see Split).
    static constexpr int kPaused = 2;
    // This entry is the first half of a split read: it stops at the cut the
    // second half chooses, if that is chosen before the first half gets there.
    void splitBy(Split* s) { split_ = s; }
    // The second half's entry: cancel ends it (next() throws Cancelled).
    void cancelWith(const std::atomic<bool>* cancel) { cancel_ = cancel; }
    // The node next() moved to.
    const XmlNode& node() const { return nodes_[pos_ - 1]; }
    // The current node's attribute (NUL-terminated, '&' decoded), or null.
    // Valid until the next next(): a chunk's nodes are dropped before the next chunk.
    const char* attr(Tok name) const {
        const XmlNode& n = node();
        for (uint32_t i = n.attrBegin; i < n.attrEnd; ++i)
            if (attrs_[i].name == name) return arena_.data() + attrs_[i].at;
        return nullptr;
    }
    // The current node's kept attributes, as (token, value) pairs.
    struct AttrRange {
        const XmlEntry& x;
        uint32_t b, e;
        struct It {
            const XmlEntry& x;
            uint32_t i;
            std::pair<Tok, const char*> operator*() const { return {x.attrs_[i].name, x.arena_.data() + x.attrs_[i].at}; }
            It& operator++() { ++i; return *this; }
            bool operator!=(const It& o) const { return i != o.i; }
        };
        It begin() const { return {x, b}; }
        It end() const { return {x, e}; }
    };
    AttrRange attrs() const { return {*this, node().attrBegin, node().attrEnd}; }
    // The current node's text (a Text node's; empty for the others), valid as attr().
    std::string_view text() const {
        const XmlNode& n = node();
        return {arena_.data() + n.textAt, n.textLen};
    }

    // The next node: 1, or 0 at the end of the entry, or -1 when it cannot be
    // read (check() and fail() tell why). Counts the package's nodes against
    // its bound (maxNodes). With mayPause, kPaused when every byte before a
    // split's cut is parsed and its nodes pulled (the caller then hands over
    // or calls resume()); a caller that cannot stop there (inside a cell)
    // gives up the split instead.
    int next(bool mayPause = false) const {
        while (pos_ == used_) {
            if (ended_) return failed_ ? -1 : 0;
            if (split_ && stopAt_ == kNoCutYet && read_ + kChunk > splitTarget(*split_)) {
                stopAt_ = decideCut(*split_);
                if (stopAt_ < 0) split_ = nullptr;
            }
            if (stopAt_ >= 0 && read_ == stopAt_) {
                if (mayPause) return kPaused;
                resume();
            }
            pushChunk();
        }
        // Elements are counted, not text: how text comes in pieces depends on
        // where chunks end, and a count must not (a split read ends them
        // elsewhere). Text nodes lie between tags, so they are bounded too.
        if (nodes_[pos_++].type != XmlNode::Text && ++pkg_.nodes > pkg_.maxNodes)
            throw OdsError(Text(path_ + ": quá " + grouped(pkg_.maxNodes, '.') + " nút XML (giới hạn của trình đọc với tệp cỡ này)",
                                path_ + ": more than " + grouped(pkg_.maxNodes, ',') +
                                    " XML nodes (limit of the reader for a file of this size)"));
        return 1;
    }

    // Reads on alone after kPaused: the second half is not used.
    void resume() const {
        if (split_) abandonSplit(*split_);
        split_ = nullptr;
        stopAt_ = kNoCut;
    }
    // At kPaused: whether the parse stands exactly where the second half's
    // own parse began, so that its nodes are the ones this parse would give.
    // The second half was parsed after a made-up start (kSecondHalfStart):
    // its elements open, nothing else pending, and the same parse (SAX1 on
    // UTF-8 XML 1.0, no DTD). Whatever is not checked here cannot differ: the
    // bytes from the cut on are the same, and so is libxml2's way with them.
    bool atCleanCut() const {
        const xmlParserCtxt* c = ctxt_.get();
        if (!c || c->sax2 || dtd_ || fatal_ || textTooLong_ || !c->wellFormed || c->disableSAX ||
            c->instate != XML_PARSER_CONTENT || depth_ != kCutDepth || c->nameNr != kCutDepth || !c->input)
            return false;
        for (int i = 0; i < kCutDepth; ++i)
            if (!c->nameTab[i] || std::strcmp(reinterpret_cast<const char*>(c->nameTab[i]), kCutStack[i]) != 0) return false;
        if ((c->input->buf && c->input->buf->encoder) || (c->version && std::strcmp(reinterpret_cast<const char*>(c->version), "1.0") != 0))
            return false;
        // Only white space between the last tag and the cut may wait unparsed
        // (libxml2 holds text until it sees what follows); a table ignores it.
        for (const xmlChar* p = c->input->cur; p && p < c->input->end; ++p)
            if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') return false;
        return true;
    }
    // Whether n more elements stay within the package's bound.
    bool nodesLeft(long long n) const { return addSat(pkg_.nodes, n) <= pkg_.maxNodes; }
    // The second half was kept: the entry counts as read to its end, and what
    // the second half unzipped and pulled counts against the package's bounds.
    void handedOver(long long nodes, long long unzipped) const {
        pkg_.nodes = addSat(pkg_.nodes, nodes);
        pkg_.unzipped = std::max(pkg_.unzipped, unzipped);
        ended_ = handedOver_ = true;
        split_ = nullptr;
    }
    bool secondHalfKept() const { return handedOver_; }
    // Bytes of names the parser keeps (its dictionary, which libxml2 bounds).
    size_t dictBytes() const { return ctxt_ && ctxt_->dict ? xmlDictGetUsage(ctxt_->dict) : 0; }

    // The second half's start (Split): inflates (within the bounds) and drops
    // the bytes before `from`, then looks, within `within` more bytes, for a
    // row's start tag; from there the entry parses as if the document had
    // begun with kSecondHalfStart. Only a guess (a comment could hold such a
    // tag): the first half checks it. False when none is found, or the entry
    // ends or a bound is met first.
    bool seekRow(long long from, long long within, long long& cut) {
        static constexpr std::string_view kRow = "<table:table-row";
        auto delimiter = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '>' || c == '/'; };
        std::string buf;  // the bytes from `from` on not yet searched, and the last few that were
        std::unique_ptr<char[]> chunk(new char[kChunk]);
        for (;;) {
            if (cancel_ && cancel_->load(std::memory_order_relaxed)) return false;
            const long long before = read_;
            int got = inflate(chunk.get(), kChunk);
            if (got <= 0 || read_ > from + within) return false;
            if (read_ <= from) continue;  // dropped unread
            const size_t skip = before < from ? static_cast<size_t>(from - before) : 0;
            buf.append(chunk.get() + skip, static_cast<size_t>(got) - skip);
            const long long bufAt = read_ - static_cast<long long>(buf.size());  // the offset of buf[0] in the entry
            for (size_t i = 0;;) {
                const void* hit = memmem(buf.data() + i, buf.size() - i, kRow.data(), kRow.size());
                if (!hit) break;
                const size_t p = static_cast<size_t>(static_cast<const char*>(hit) - buf.data());
                if (p + kRow.size() >= buf.size()) break;  // the byte after it not in yet
                if (delimiter(buf[p + kRow.size()])) {
                    cut = bufAt + static_cast<long long>(p);
                    preface_ = std::string(kSecondHalfStart) + buf.substr(p);
                    return true;
                }
                i = p + 1;
            }
            // A tag cut by the chunk's end is found with the next one.
            if (buf.size() > kRow.size()) buf.erase(0, buf.size() - kRow.size());
        }
    }

    // After the last next(): throws when the entry was not read whole and well.
    // An optional entry that is empty counts as missing, as it always has.
    void check(int ok) const {
        if (tooLarge_ || damaged_ || (ok < 0 && (required_ || read_ > 0))) fail();
    }
    // Why reading stopped early, as clearly as the causes allow: a limit, a damaged zip, bad XML.
    [[noreturn]] void fail() const {
        const std::string n = name_;
        if (tooLarge_) {
            bool own = ownLimit_;
            long long limit = own ? maxBytes_ : pkg_.maxUnzipped;
            throw OdsError(Text(path_ + ": " + n + " giải nén ra hơn " + mib(limit) + (own ? "" : ", tính cả các phần trước nó") +
                                    " (giới hạn của trình đọc)",
                                path_ + ": " + n + " unzips to more than " + mib(limit) +
                                    (own ? "" : ", counting the entries before it") + " (limit of the reader)"));
        }
        if (damaged_) throw OdsError(Text(path_ + ": " + n + " bị hỏng", path_ + ": damaged " + n));
        if (textTooLong_)
            throw OdsError(Text(path_ + ": " + n + " có hơn " + grouped(kMaxTextRun, '.') + " byte văn bản giữa hai thẻ (giới hạn của trình đọc)",
                                path_ + ": " + n + " has more than " + grouped(kMaxTextRun, ',') +
                                    " bytes of text between two tags (limit of the reader)"));
        if (entity_)
            throw OdsError(Text(path_ + ": " + n + " dùng thực thể XML khai báo trong DTD, điều tệp OpenDocument không bao giờ làm: không đọc",
                                path_ + ": " + n + " uses XML entities declared in a DTD, which OpenDocument files never do: not read"));
        std::string en = line_ > 0 ? " (line " + std::to_string(line_) + ")" : "", vi = line_ > 0 ? " (dòng " + std::to_string(line_) + ")" : "";
        if (badEncoding_) {
            en += ": bytes not valid in the encoding it declares" + (encoding_.empty() ? "" : ", " + encoding_);
            vi += ": có byte không hợp lệ trong bảng mã tệp khai báo" + (encoding_.empty() ? "" : ", " + encoding_);
        }
        throw OdsError(Text(path_ + ": " + n + " hỏng" + vi, path_ + ": " + n + " is not well-formed XML" + en));
    }

    // The elements open where a second half begins, as its made-up start opens them.
    static constexpr int kCutDepth = 4;
    static constexpr const char* kCutStack[kCutDepth] = {"office:document-content", "office:body", "office:spreadsheet", "table:table"};
    static constexpr const char* kSecondHalfStart =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content><office:body><office:spreadsheet><table:table>";

private:
    // Inflated bytes pushed to the parser at a time: large enough that the
    // per-call cost vanishes, small enough that one chunk's nodes stay small.
    static constexpr int kChunk = 64 << 10;
    static constexpr long long kNoCutYet = -1, kNoCut = -2;
    // Bytes of text between two tags: libxml2's own bound for one text node
    // (XML_MAX_TEXT_LENGTH), which its reader enforced and its SAX2 callbacks,
    // given text in pieces, do not. Without it 256 MiB of spaces are parsed whole.
    static constexpr long long kMaxTextRun = 10'000'000;

    // Inflates the next chunk (within the limits) and parses it; an error or a
    // limit ends the entry (check() tells why), as does the end of the data.
    void pushChunk() const {
        pos_ = used_ = 0;
        attrs_.clear();
        arena_.clear();
        if (cancel_ && cancel_->load(std::memory_order_relaxed)) throw Cancelled();
        if (!chunk_) chunk_.reset(new char[kChunk]);
        // A second half's made-up start and first bytes go first (seekRow).
        const bool preface = !preface_.empty();
        const char* data = preface ? preface_.data() : chunk_.get();
        int got = preface ? static_cast<int>(preface_.size()) : inflate(chunk_.get(), stopAt_ >= 0 ? static_cast<int>(std::min<long long>(kChunk, stopAt_ - read_)) : kChunk);
        bool last = got == 0;
        {
            XmlQuiet quiet(&said_);
            if (!ctxt_) parseFirst(data, got, last);
            else xmlParseChunk(ctxt_.get(), data, got, last ? 1 : 0);
        }
        if (preface) preface_ = std::string();
        // Fatal errors only: a namespace error (an undeclared prefix) does not
        // stop libxml2, nor did it stop its reader.
        if (!ctxt_->wellFormed || ctxt_->disableSAX) {
            failed_ = ended_ = true;
            // Bytes the declared encoding cannot convert stop the parser with
            // no structured error, so no line: the parser's own position gives it.
            if (!fatal_) badEncoding_ = xmlBadEncoding(ctxt_.get(), said_, line_, encoding_);
        }
        if (last) ended_ = true;
    }
    // The parser, made when the first chunk is in, and that chunk parsed:
    // whether the parser reports names through SAX1 or SAX2 callbacks depends
    // on what the document starts with.
    //
    // Why SAX1 (startElement: names qualified as written, attributes as
    // NUL-terminated name/value pairs, no namespace processing): the same
    // parse costs 10-20 % less than SAX2's (reportcheck_bench_sax_floor
    // libxml2-sax1; issue 11), and the readers never used namespaces, only
    // names as written. Both go through the same code for attribute values,
    // text, entities and well-formedness (libxml2 2.9.14, parser.c); SAX2 adds
    // namespace checks that never stopped the reader (an undeclared prefix is
    // an error, not a fatal one) - and one thing SAX1 leaves out: attribute
    // defaults and normalisation declared by an <!ATTLIST> in a DOCTYPE (SAX2
    // applies them itself). So a document whose prolog (before its root
    // element, within the first chunk) holds nothing but the XML declaration,
    // comments, processing instructions and white space - every file Calc
    // writes - is read through SAX1; any other (a DOCTYPE, a prolog longer than
    // a chunk, UTF-16) through SAX2, as before.
    //
    // How: libxml2 turns SAX2 on for a handler with the SAX2 magic (which the
    // structured error callback, serror, needs) whenever xmlParseChunk starts
    // while the parser is still before the XML declaration (xmlDetectSAX2; in
    // 2.9.14 even without startElementNs), and it picks xmlParseStartTag
    // (SAX1) or xmlParseStartTag2 (SAX2) by ctxt->sax2 at each start tag. So
    // the handler has both sets of callbacks, the prolog is pushed alone,
    // and only then, before any element, SAX1 is asked for. Should the parser
    // still be at the start after the prolog (no XML declaration), SAX2 stays.
    void parseFirst(const char* first, int n, bool last) const {
        xmlReady();
        size_t root = 0;
        const bool wantSax1 = n > 0 && rootAfterProlog(first, static_cast<size_t>(n), root);
        xmlSAXHandler h;
        std::memset(&h, 0, sizeof h);
        h.initialized = XML_SAX2_MAGIC;
        h.startElementNs = &XmlEntry::start;
        h.endElementNs = &XmlEntry::end;
        h.startElement = &XmlEntry::start1;
        h.endElement = &XmlEntry::end1;
        h.characters = &XmlEntry::characters;
        h.ignorableWhitespace = &XmlEntry::characters;
        h.cdataBlock = &XmlEntry::ignore;  // as before: CDATA in a cell was never its text
        h.serror = &XmlEntry::error;
        h.internalSubset = &XmlEntry::doctype;
        // No getEntity / entityDecl: entities a DTD declares are never kept,
        // so never expanded or fetched (no XXE, no billion laughs).
        ctxt_.reset(xmlCreatePushParserCtxt(&h, const_cast<XmlEntry*>(this), nullptr, 0, (path_ + "/" + name_).c_str()));
        if (!ctxt_) throw OdsError(Text(path_ + ": không phân tích được " + name_, path_ + ": cannot parse " + name_));
        xmlCtxtUseOptions(ctxt_.get(), XML_PARSE_NONET);
        if (wantSax1 && root > 0) {
            xmlParseChunk(ctxt_.get(), first, static_cast<int>(root), 0);
            if (ctxt_->instate != XML_PARSER_START && ctxt_->instate != XML_PARSER_EOF && ctxt_->nameNr == 0) ctxt_->sax2 = 0;
            first += root;
            n -= static_cast<int>(root);
        }
        xmlParseChunk(ctxt_.get(), first, n, last ? 1 : 0);
    }
    // True when the bytes start (after a UTF-8 byte order mark) with an XML
    // prolog without DOCTYPE followed by the root element's '<', at `root`:
    // only the XML declaration and processing instructions ("<?" to "?>"),
    // comments ("<!--" to "-->") and white space come before it. Anything
    // else ("<!DOCTYPE"), or the end of the bytes first, is false. A prolog
    // that is not well-formed stops both parsers alike, before any element.
    static bool rootAfterProlog(const char* p, size_t n, size_t& root) {
        size_t i = n >= 3 && !std::memcmp(p, "\xEF\xBB\xBF", 3) ? 3 : 0;
        const std::string_view s(p, n);
        for (;;) {
            while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r')) ++i;
            if (i + 1 >= n || p[i] != '<') return false;
            size_t close;
            if (p[i + 1] == '?') {
                close = s.find("?>", i + 2);
                i = close + 2;
            } else if (s.compare(i, 4, "<!--") == 0) {
                close = s.find("-->", i + 4);
                i = close + 3;
            } else if (p[i + 1] == '!') {
                return false;  // a DOCTYPE, or not XML
            } else {
                root = i;
                return true;
            }
            if (close == std::string_view::npos) return false;
        }
    }
    int inflate(char* buf, int len) const {
        long long room = std::min(maxBytes_ - read_, pkg_.maxUnzipped - pkg_.unzipped);
        if (tooLarge_ || damaged_) return 0;
        zip_int64_t got = zip_fread(file_.get(), buf, static_cast<zip_uint64_t>(std::min<long long>(len, std::max(room, 0LL) + 1)));
        if (got < 0) {
            damaged_ = true;
            return 0;
        }
        if (got > room) {
            tooLarge_ = true;
            ownLimit_ = maxBytes_ - read_ < pkg_.maxUnzipped - pkg_.unzipped;
            return 0;
        }
        read_ += got;
        pkg_.unzipped += got;
        return static_cast<int>(got);
    }

    XmlNode& push(XmlNode::Type type) {
        if (used_ == nodes_.size()) nodes_.emplace_back();
        XmlNode& n = nodes_[used_++];
        n.type = type;
        n.name = Tok::Other;
        n.attrBegin = n.attrEnd = static_cast<uint32_t>(attrs_.size());
        n.textAt = arena_.size();
        n.textLen = 0;
        return n;
    }
    // The token of a name the parser reports: its prefix and local name are
    // pointers into the parser's dictionary, which holds each distinct string
    // once for the parser's life, so a pair of pointers seen before has the
    // token it had then (the strings are compared once per distinct pair). A
    // name the dictionary does not own is never cached (its pointer could be
    // reused for another name).
    Tok token(const xmlChar* prefix, const xmlChar* local) {
        NameSlot& s = names_[((reinterpret_cast<uintptr_t>(local) >> 3) * 31 + (reinterpret_cast<uintptr_t>(prefix) >> 3)) % kNameSlots];
        if (s.local == local && s.prefix == prefix) return s.tok;
        Tok t = ods_names::tokenOf(reinterpret_cast<const char*>(prefix), reinterpret_cast<const char*>(local));
        if (xmlDictOwns(ctxt_->dict, local) == 1 && (!prefix || xmlDictOwns(ctxt_->dict, prefix) == 1)) s = {prefix, local, t};
        return t;
    }
    static void start(void* self, const xmlChar* local, const xmlChar* prefix, const xmlChar*, int, const xmlChar**, int nAttrs, int,
                      const xmlChar** attrs) {
        auto* e = static_cast<XmlEntry*>(self);
        e->textRun_ = 0;
        XmlNode& n = e->push(XmlNode::Start);
        n.depth = e->depth_++;
        n.name = e->token(prefix, local);
        // Only the attributes the reader acts on are kept; the others are not copied.
        for (int i = 0; i < nAttrs; ++i) {
            const xmlChar** a = attrs + 5 * i;  // local name, prefix, URI, value, end of value
            Tok t = e->token(a[1], a[0]);
            if (t == Tok::Other) continue;
            e->attrs_.push_back({t, e->arena_.size()});
            e->keepValue(reinterpret_cast<const char*>(a[3]), reinterpret_cast<const char*>(a[4]));
        }
        n.attrEnd = static_cast<uint32_t>(e->attrs_.size());
    }
    // The token of a name as written (SAX1): cached by its pointer into the
    // parser's dictionary, as token() caches a pair.
    Tok token1(const xmlChar* qname) {
        NameSlot& s = names_[(reinterpret_cast<uintptr_t>(qname) >> 3) % kNameSlots];
        if (s.local == qname) return s.tok;
        Tok t = ods_names::tokenOfQName(reinterpret_cast<const char*>(qname));
        if (xmlDictOwns(ctxt_->dict, qname) == 1) s = {nullptr, qname, t};
        return t;
    }
    static void start1(void* self, const xmlChar* name, const xmlChar** attrs) {
        auto* e = static_cast<XmlEntry*>(self);
        e->textRun_ = 0;
        XmlNode& n = e->push(XmlNode::Start);
        n.depth = e->depth_++;
        n.name = e->token1(name);
        // Only the attributes the reader acts on are kept; the others are not copied.
        if (attrs)
            for (; attrs[0]; attrs += 2) {  // name, value
                Tok t = e->token1(attrs[0]);
                if (t == Tok::Other || !attrs[1]) continue;
                e->attrs_.push_back({t, e->arena_.size()});
                const char* v = reinterpret_cast<const char*>(attrs[1]);
                e->keepValue(v, v + std::strlen(v));
            }
        n.attrEnd = static_cast<uint32_t>(e->attrs_.size());
    }
    static void end1(void* self, const xmlChar* name) {
        auto* e = static_cast<XmlEntry*>(self);
        e->textRun_ = 0;
        XmlNode& n = e->push(XmlNode::End);
        n.depth = --e->depth_;
        n.name = e->token1(name);
    }
    // An attribute's value into the arena, NUL-terminated. Without entity
    // substitution libxml2 hands an attribute's '&' (written &amp; or &#38;)
    // to SAX2 as "&#38;", for the tree builder to decode; the reader gave "&".
    // Nothing else comes escaped.
    void keepValue(const char* b, const char* e) {
        const size_t n = static_cast<size_t>(e - b);
        char* d = arena_.room(n + 1);
        if (!std::memchr(b, '&', n)) {
            std::memcpy(d, b, n);
            d[n] = '\0';
            return;
        }
        char* o = d;
        for (const char* p = b; p < e;) {
            if (static_cast<size_t>(e - p) >= 5 && !std::memcmp(p, "&#38;", 5)) {
                *o++ = '&';
                p += 5;
            } else {
                *o++ = *p++;
            }
        }
        *o++ = '\0';
        arena_.drop(static_cast<size_t>(d + n + 1 - o));
    }
    static void end(void* self, const xmlChar* local, const xmlChar* prefix, const xmlChar*) {
        auto* e = static_cast<XmlEntry*>(self);
        e->textRun_ = 0;
        XmlNode& n = e->push(XmlNode::End);
        n.depth = --e->depth_;
        n.name = e->token(prefix, local);
    }
    // Text comes in pieces (libxml2 cuts at entities and at its buffer's
    // size): pieces in a row are one text node, as the reader's were. The
    // last node's text is always at the arena's end (anything else pushes a node).
    static void characters(void* self, const xmlChar* ch, int len) {
        auto* e = static_cast<XmlEntry*>(self);
        e->textRun_ += len;
        if (e->textRun_ > kMaxTextRun) {
            e->textTooLong_ = true;
            xmlStopParser(e->ctxt_.get());  // pushChunk sees it stopped: the entry ends, failed
            return;
        }
        XmlNode* n = e->used_ > 0 && e->nodes_[e->used_ - 1].type == XmlNode::Text ? &e->nodes_[e->used_ - 1] : nullptr;
        if (!n) {
            n = &e->push(XmlNode::Text);
            n->depth = e->depth_;
        }
        std::memcpy(e->arena_.room(static_cast<size_t>(len)), ch, static_cast<size_t>(len));
        n->textLen += static_cast<size_t>(len);
    }
    static void ignore(void*, const xmlChar*, int) {}
    static void doctype(void* self, const xmlChar*, const xmlChar*, const xmlChar*) { static_cast<XmlEntry*>(self)->dtd_ = true; }
    static void error(void* self, XmlErrorArg err) {
        auto* e = static_cast<XmlEntry*>(self);
        if (!err || err->level < XML_ERR_ERROR) return;
        // The fatal error is where parsing stopped; earlier ones (an undeclared prefix) did not stop it.
        if (err->level == XML_ERR_FATAL ? !e->fatal_ : e->line_ == 0) e->line_ = err->line;
        // Entities are never declared to the parser (see the constructor), so
        // a file that uses its own stops here: say that, not "not well-formed".
        if (err->level == XML_ERR_FATAL && !e->fatal_ && err->code == XML_ERR_UNDECLARED_ENTITY && e->dtd_) e->entity_ = true;
        e->fatal_ = e->fatal_ || err->level == XML_ERR_FATAL;
    }

    const char* name_;
    const std::string& path_;
    Package& pkg_;
    long long maxBytes_;
    bool required_;
    // The parse's state changes as nodes are pulled through a const entry (the
    // readers below take `const XmlEntry&`, as they took the reader's handle).
    mutable long long read_ = 0;
    mutable bool tooLarge_ = false, ownLimit_ = false, damaged_ = false, fatal_ = false;  // ownLimit_: maxBytes_ stopped it, not the package's
    mutable bool failed_ = false, ended_ = false;  // failed_: the parser met a fatal error
    mutable bool textTooLong_ = false;             // more than kMaxTextRun bytes of text in a row
    mutable long long textRun_ = 0;
    mutable bool entity_ = false, dtd_ = false;    // entity_: it was an entity the file's DTD (dtd_) may declare
    mutable int line_ = 0;                         // of the fatal error, else of the first error
    mutable bool badEncoding_ = false;             // stopped by bytes its declared encoding_ cannot convert
    mutable std::string encoding_, said_;          // said_: what libxml2 said to its generic handler (XmlQuiet)
    mutable int depth_ = 0;
    mutable Split* split_ = nullptr;                      // see splitBy
    mutable long long stopAt_ = kNoCutYet;                // the split's cut, once decided; kNoCut: none
    mutable bool handedOver_ = false;                     // see handedOver
    const std::atomic<bool>* cancel_ = nullptr;           // see cancelWith
    mutable std::string preface_;                         // see seekRow
    mutable std::vector<XmlNode> nodes_;  // the current chunk's nodes; slots reused
    mutable size_t used_ = 0, pos_ = 0;
    // The current chunk's kept attributes and the bytes of their values and of
    // its text: cleared, not freed, before each chunk (no allocation per node).
    struct Attr {
        Tok name;
        size_t at;  // its value in arena_
    };
    mutable std::vector<Attr> attrs_;
    // Bytes appended a piece at a time, cleared, never shrunk: what
    // std::string::append costs around its memcpy was, on the 100k sheet,
    // as much as the copying itself (2 million values).
    class Arena {
    public:
        Arena() : buf_(new char[kInitial]), cap_(kInitial) {}  // never null: data() + 0 is always valid
        const char* data() const { return buf_.get(); }
        size_t size() const { return size_; }
        void clear() { size_ = 0; }
        // n bytes at the end, to be written.
        char* room(size_t n) {
            if (n > cap_ - size_) grow(n);
            char* p = buf_.get() + size_;
            size_ += n;
            return p;
        }
        void drop(size_t n) { size_ -= n; }  // the last n bytes of room() were not used

    private:
        void grow(size_t n) {
            size_t cap = std::max(cap_ * 2, size_ + n);
            std::unique_ptr<char[]> b(new char[cap]);
            if (size_) std::memcpy(b.get(), buf_.get(), size_);
            buf_ = std::move(b);
            cap_ = cap;
        }
        static constexpr size_t kInitial = 4096;
        std::unique_ptr<char[]> buf_;
        size_t size_ = 0, cap_;
    };
    mutable Arena arena_;
    struct NameSlot {
        const xmlChar* prefix = nullptr;
        const xmlChar* local = nullptr;
        Tok tok = Tok::Other;
    };
    static constexpr size_t kNameSlots = 256;
    std::unique_ptr<NameSlot[]> names_{new NameSlot[kNameSlots]};
    mutable std::unique_ptr<char[]> chunk_;
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file_{nullptr, zip_fclose};
    // A DOCTYPE that declares entities makes libxml2 keep them in a document of
    // its own (ctxt->myDoc, "SAX compat mode") even with no SAX handler for
    // them; xmlFreeParserCtxt does not free it.
    static void freeCtxt(xmlParserCtxtPtr c) {
        if (!c) return;
        if (c->myDoc) xmlFreeDoc(c->myDoc);
        c->myDoc = nullptr;
        xmlFreeParserCtxt(c);
    }
    mutable std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> ctxt_{nullptr, &XmlEntry::freeCtxt};
};

// The current node's attribute as a string: empty when absent.
std::string attr(const XmlEntry& x, Tok name) {
    const char* v = x.attr(name);
    return v ? std::string(v) : std::string();
}

// An open package, from a file or from bytes in memory; everything after the
// open is the same for both.
struct Zip {
    zip_t* z = nullptr;
    explicit Zip(const std::string& path) {
        int err = 0;
        z = zip_open(path.c_str(), ZIP_RDONLY, &err);
        if (!z) {
            zip_error_t ze;
            zip_error_init_with_code(&ze, err);
            fail(path, ze);
        }
    }
    // `bytes` is not copied: it must outlive the Zip.
    Zip(const std::string& bytes, const std::string& name) {
        zip_error_t ze;
        zip_error_init(&ze);
        zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &ze);
        if (src && !(z = zip_open_from_source(src, ZIP_RDONLY, &ze))) zip_source_free(src);  // the zip owns src only once open
        if (!z) fail(name, ze);
    }
    ~Zip() { zip_discard(z); }
    Zip(const Zip&) = delete;
    Zip& operator=(const Zip&) = delete;

private:
    [[noreturn]] static void fail(const std::string& path, zip_error_t& ze) {
        std::string msg = zip_error_strerror(&ze);
        zip_error_fini(&ze);
        throw OdsError(Text(path + ": không mở được tệp (" + msg + ")", path + ": cannot open (" + msg + ")"));
    }
};

// A cell's text as it accumulates, cut after kMaxCellChars characters (whole
// UTF-8 characters): neither text nodes nor <text:s text:c="1000000"/> can
// make it larger.
struct CellText {
    std::string s;
    long long chars = 0;
    bool cut = false;
    bool paragraph = false;  // the cell had a text:p / text:h, even an empty one

    void append(const char* p, size_t n) {
        for (size_t i = 0; i < n; ++i) {
            bool starts = (static_cast<unsigned char>(p[i]) & 0xC0) != 0x80;
            if (starts && chars == kMaxCellChars) {
                cut = true;
                return;
            }
            chars += starts;
            s += p[i];
        }
    }
    void append(const std::string& t) { append(t.data(), t.size()); }
    void repeat(long long n, char c) {
        if (n > kMaxCellChars - chars) {
            cut = true;
            n = kMaxCellChars - chars;
        }
        s.append(static_cast<size_t>(n), c);
        chars += n;
    }
};

// The attributes of a table cell that matter, read in one pass.
// What is only tested is decided here, once, instead of being copied (a
// value type, whether there is a formula, the number office:value reads as):
// the values are the entry's and do not outlive the next chunk.
struct CellAttrs {
    enum class Type { None, Float, Percentage, Currency, Date, Time, Boolean, String, Other };  // None: absent or ""
    Type type = Type::None;
    bool calcError = false, formula = false;
    double boolValue = 0;  // office:boolean-value: "true" 1, "false" 0, a number itself (Calc reads it so)
    bool hasStringValue = false;  // office:string-value given (it wins over the paragraphs)
    bool valueOk = false;  // office:value is one number, wholly
    double value = 0;
    long long colRepeat = 1;
    std::string style, stringValue, dateValue, timeValue;
    std::string reference;  // the formula is one cell, "of:=[.A2]": its address (".A2")
    std::string formulaText;  // table:formula, up to PendingFormulas::kMaxFormulaChars + 1 bytes

    // "of:=[.A2]", "of:=[$'Biểu 1'.$C$5]": a formula that is one cell, its
    // address; "" for any other formula (a range, an operator, a function).
    static std::string singleReference(const char* v) {
        std::string_view f(v);
        if (f.substr(0, 3) == "of:") f.remove_prefix(3);
        if (f.size() < 5 || f.size() > 300 || f.substr(0, 2) != "=[" || f.back() != ']') return {};
        f = f.substr(2, f.size() - 3);
        if (f.find_first_of("[]:") != std::string_view::npos) return {};
        return std::string(f);
    }
    static Type typeOf(const char* v) {
        static const std::pair<const char*, Type> kTypes[] = {{"float", Type::Float},     {"percentage", Type::Percentage},
                                                              {"currency", Type::Currency}, {"date", Type::Date},
                                                              {"time", Type::Time},       {"boolean", Type::Boolean},
                                                              {"string", Type::String}};
        if (!*v) return Type::None;
        for (const auto& [name, t] : kTypes)
            if (!std::strcmp(v, name)) return t;
        return Type::Other;
    }
    // office:value as Calc writes almost all of them, "-?digits(.digits)?"
    // with at most 15 digits, read without strtod (a tenth of the reader's own
    // time on the 100k sheet). The digits as an integer m < 10^15 < 2^53 and
    // 10^k (k <= 15) are exact doubles, and IEEE division rounds m / 10^k
    // correctly, which is what strtod returns (glibc rounds correctly): the
    // same double, bit for bit ("-0" gives -0.0 as strtod does). Anything
    // else (exponents, more digits, spaces, "inf") goes to strtod.
    static bool plainDecimal(const char* v, double& out) {
        static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
        const char* p = v;
        const bool neg = *p == '-';
        if (neg) ++p;
        unsigned long long m = 0;
        int digits = 0, decimals = 0;
        for (; *p >= '0' && *p <= '9'; ++p, ++digits) m = m * 10 + static_cast<unsigned>(*p - '0');
        if (digits == 0) return false;
        if (*p == '.') {
            ++p;
            for (; *p >= '0' && *p <= '9'; ++p, ++decimals) m = m * 10 + static_cast<unsigned>(*p - '0');
            if (decimals == 0) return false;
        }
        if (*p != '\0' || digits + decimals > 15) return false;
        double d = static_cast<double>(m);
        if (decimals > 0) d /= kPow10[decimals];
        out = neg ? -d : d;
        return true;
    }
    void read(const XmlEntry& x) {
        for (auto [n, v] : x.attrs()) {
            if (n == Tok::OfficeValueType) type = typeOf(v);
            else if (n == Tok::CalcextValueType) calcError = !std::strcmp(v, "error");
            else if (n == Tok::OfficeValue) {
                valueOk = plainDecimal(v, value);
                if (!valueOk) {
                    char* end = nullptr;
                    value = std::strtod(v, &end);
                    valueOk = *v && end && *end == '\0';
                }
            } else if (n == Tok::TableFormula) {
                formula = *v != '\0';
                reference = singleReference(v);
                formulaText.assign(v, strnlen(v, PendingFormulas::kMaxFormulaChars + 1));
            }
            else if (n == Tok::OfficeBooleanValue) {
                // Calc writes a boolean format's number as it is ("1234.5678") and reads it back.
                double b = 0;
                boolValue = !std::strcmp(v, "true") ? 1 : !std::strcmp(v, "false") ? 0 : plainDecimal(v, b) ? b : 0;
            }
            else if (n == Tok::TableStyleName) style = v;
            else if (n == Tok::OfficeStringValue) {
                stringValue = v;
                hasStringValue = true;
            }
            else if (n == Tok::OfficeDateValue) dateValue = v;
            else if (n == Tok::OfficeTimeValue) timeValue = v;
            else if (n == Tok::TableNumberColumnsRepeated) colRepeat = count(v);
        }
    }
};

// Calc keeps dates and times as serial days from 1899-12-30 (its default null
// date, which ODF files written by Calc also declare); a date cell is that
// number shown with a date format (daysFromCivil: arithmetic.h).

// Digits at p as an integer (at most 9 of them, so no overflow); false if none.
bool digitsAt(const char*& p, long long& out) {
    const char* s = p;
    out = 0;
    while (*p >= '0' && *p <= '9' && p - s < 9) out = out * 10 + (*p++ - '0');
    return p > s;
}
// A decimal number without sign or exponent ("10.123456"), read by hand: strtod
// would follow the locale and also take hex and exponents that ODF does not allow.
bool secondsAt(const char*& p, double& out) {
    if (!(*p >= '0' && *p <= '9')) return false;
    double v = 0;
    while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
    if (*p == '.') {
        ++p;
        for (double scale = 0.1; *p >= '0' && *p <= '9'; scale /= 10) v += (*p++ - '0') * scale;
    }
    out = v;
    return true;
}

// office:date-value: "2021-01-01" or "2021-01-01T10:10:10[.123]" (a zone, if
// any, is ignored as Calc ignores it) -> serial days.
bool odsDate(const std::string& v, double& out) {
    const char* p = v.c_str();
    bool neg = *p == '-';
    if (neg) ++p;
    long long y, m, d;
    if (!digitsAt(p, y) || *p++ != '-' || !digitsAt(p, m) || *p++ != '-' || !digitsAt(p, d)) return false;
    if (m < 1 || m > 12 || d < 1 || d > 31) return false;
    // Proleptic Gregorian, as LibreOffice 7.4 imports it; "-2024" is 2024 BC, which has no
    // year 0 between it and 1 AD: the year -2023 of the formulas.
    double serial = static_cast<double>(daysFromCivil(neg ? 1 - y : y, m, d) - kNullDateFrom1970);
    if (*p == 'T') {
        ++p;
        long long h, mi;
        double sec = 0;
        if (!digitsAt(p, h) || *p++ != ':' || !digitsAt(p, mi)) return false;
        if (*p == ':') {
            ++p;
            if (!secondsAt(p, sec)) return false;
        }
        serial += (static_cast<double>(h) * 3600 + static_cast<double>(mi) * 60 + sec) / 86400.0;
    }
    out = serial;
    return true;
}

// office:time-value, an ISO 8601 duration: "PT10H10M10.5S", "PT288H" (12 days:
// Calc keeps the duration, not a time of day), "P1DT2H", "-PT1H" -> days.
bool odsDuration(const std::string& v, double& out) {
    const char* p = v.c_str();
    bool neg = *p == '-';
    if (neg) ++p;
    if (*p++ != 'P') return false;
    double secs = 0;
    bool inTime = false, any = false;
    while (*p) {
        if (*p == 'T') {
            inTime = true;
            ++p;
            continue;
        }
        double n;
        if (!secondsAt(p, n)) return false;
        char unit = *p++;
        if (unit == 'D' && !inTime) secs += n * 86400;
        else if (unit == 'H' && inTime) secs += n * 3600;
        else if (unit == 'M' && inTime) secs += n * 60;
        else if (unit == 'S' && inTime) secs += n;
        else return false;  // years and months have no fixed length: not a Calc time
        any = true;
    }
    if (!any) return false;
    out = (neg ? -secs : secs) / 86400.0;
    return true;
}

// Text of a table cell: its text:p paragraphs joined by new lines, with
// text:s (spaces) honoured. With keep false
// the cell is only read through (its nodes counted, its end checked), for a
// number cell whose text nothing uses: most cells of a large sheet.
CellText cellText(const XmlEntry& x, bool keep = true) {
    CellText out;
    int depth = x.node().depth;
    int paragraphs = 0;
    int inParagraph = -1;  // depth of the text:p / text:h being read, -1 outside
    bool content = false;  // anything but the breaks between paragraphs
    for (;;) {
        if (x.next() != 1) x.fail();  // the XML ends inside the cell
        const XmlNode& node = x.node();
        if (node.type == XmlNode::End) {
            if (node.depth == depth) break;
            if (node.depth == inParagraph) inParagraph = -1;
            continue;
        }
        if (node.type == XmlNode::Start) {
            const Tok n = node.name;
            if (inParagraph < 0 && node.depth == depth + 1 && (n == Tok::TextP || n == Tok::TextH)) {
                if (paragraphs++ > 0 && keep) out.append("\n");
                inParagraph = node.depth;
            } else if (inParagraph < 0 || n == Tok::OfficeAnnotation) {
                // Beside the paragraphs: a comment (office:annotation), a shape
                // anchored to the cell (draw:frame) … whose text is not the cell's.
                int d = node.depth;
                int ok;
                while ((ok = x.next()) == 1 && !(x.node().type == XmlNode::End && x.node().depth == d)) {
                }
                if (ok != 1) x.fail();
            } else if (!keep) {
                continue;
            } else if (n == Tok::TextS) {
                out.repeat(count(x.attr(Tok::TextC)), ' ');
                content = true;
            }
            // text:tab and text:line-break inside a paragraph: LibreOffice 7.4's
            // import drops them (checked headless, LEN() too, on files of odfpy,
            // Gnumeric and its own; tests/formats/producer_parity.py), so they are
            // dropped here. Paragraphs, one per line, are what Calc itself writes.
        } else if (keep && inParagraph >= 0 && node.textLen > 0) {
            // White space between the cell's elements (an indented content.xml)
            // is not text: ODF gives it no meaning and Calc ignores it.
            out.append(x.text().data(), x.text().size());
            content = true;
        }
    }
    // Only empty paragraphs (<text:p/>): Calc keeps an empty cell, not line breaks.
    if (!content) out = CellText();
    out.paragraph = paragraphs > 0;
    return out;
}

bool looksLikeError(const std::string& t) {
    static const char* errs[] = {"#VALUE!", "#DIV/0!", "#REF!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "Err:"};
    for (const char* e : errs)
        if (t.compare(0, std::strlen(e), e) == 0) return true;
    return false;
}

// "$'Biểu 3'.$J$40" or "$Sheet1.$A$1:.$B$2" -> Area
bool parseRangeAddress(const std::string& a, Area& out) {
    auto part = [](const std::string& s, std::string& sheet, int& row, int& col) {
        size_t dot = std::string::npos;
        bool inQuote = false;
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '\'') inQuote = !inQuote;
            else if (s[i] == '.' && !inQuote) dot = i;
        }
        std::string cell = dot == std::string::npos ? s : s.substr(dot + 1);
        if (dot != std::string::npos && dot > 0) {
            sheet = s.substr(0, dot);
            if (!sheet.empty() && sheet[0] == '$') sheet.erase(0, 1);
            if (sheet.size() >= 2 && sheet.front() == '\'' && sheet.back() == '\'') {
                sheet = sheet.substr(1, sheet.size() - 2);
                for (size_t p = sheet.find("''"); p != std::string::npos; p = sheet.find("''", p + 1)) sheet.erase(p, 1);
            }
        }
        return parseCell(cell, row, col);
    };
    size_t colon = a.find(':');
    std::string sheet;
    if (!part(a.substr(0, colon), sheet, out.row1, out.col1)) return false;
    out.sheet = sheet;
    out.row2 = out.row1;
    out.col2 = out.col1;
    if (colon != std::string::npos) {
        std::string s2;
        if (!part(a.substr(colon + 1), s2, out.row2, out.col2)) return false;
    }
    return !out.sheet.empty();
}

// Decimals a number shows, from the data styles: cell style -> data style ->
// number:decimal-places. Read from styles.xml (common styles) and
// content.xml (automatic styles).
struct Styles {
    // A data style as far as decimals go. `kind`: 'n' number, '%' percentage,
    // 'c' currency, 't' literal text alone (no number element), 'x' a text
    // data style (the '@' section).
    struct Data {
        char kind = 't';
        int decimals = -1;
        std::string language;  // a currency style's number:language (its default decimals)
        std::vector<std::pair<std::string, std::string>> maps;  // (condition, data style applied), the first three
    };
    std::map<std::string, Data> data;                // data style -> what it shows
    std::map<std::string, std::string> cellData;    // cell style -> data style
    std::map<std::string, std::string> cellParent;  // cell style -> parent cell style

    // Whether element() may change anything on this element.
    static bool reads(Tok n) {
        return n == Tok::NumberNumberStyle || n == Tok::NumberPercentageStyle || n == Tok::NumberCurrencyStyle ||
               n == Tok::NumberTextStyle || n == Tok::NumberNumber || n == Tok::StyleMap || n == Tok::StyleStyle ||
               n == Tok::NumberDateStyle || n == Tok::NumberTimeStyle || n == Tok::NumberBooleanStyle;
    }
    // Called for every element; keeps the state of the data style being read.
    void element(const XmlEntry& x, Tok n, Budget& budget) {
        if (n == Tok::NumberNumberStyle || n == Tok::NumberPercentageStyle || n == Tok::NumberCurrencyStyle ||
            n == Tok::NumberTextStyle) {
            current_ = attr(x, Tok::StyleName);
            budget.name(current_.size() + sizeof(Data));
            Data& d = data[current_];
            d = Data();
            d.kind = n == Tok::NumberPercentageStyle ? '%' : n == Tok::NumberCurrencyStyle ? 'c' : n == Tok::NumberTextStyle ? 'x' : 't';
            if (d.kind == 'c') d.language = attr(x, Tok::NumberLanguage).substr(0, 8);
        } else if (n == Tok::NumberNumber && !current_.empty()) {
            Data& d = data[current_];
            std::string places = attr(x, Tok::NumberDecimalPlaces);
            long long k;
            if (!places.empty()) {
                k = std::strtoll(places.c_str(), nullptr, 10);
            } else if (d.kind == 'c') {
                // A currency without decimal-places (how Calc writes its own currency
                // formats) shows its language's currency decimals, or its minimum if
                // more; dashes in place of decimals ("#,##0.--") count as decimals.
                std::string least = attr(x, Tok::NumberMinDecimalPlaces);
                if (least.empty()) least = attr(x, Tok::LoextMinDecimalPlaces);
                const long long fixed = least.empty() ? 0 : std::strtoll(least.c_str(), nullptr, 10);
                const long long own = currencyDecimals(d.language);
                k = attr(x, Tok::NumberDecimalReplacement).empty() ? std::max(own, fixed) : own;
            } else {
                k = d.kind == '%' ? 0 : -1;  // General's decimals, but a percentage's 0 (as LibreOffice 7.4 reads them)
            }
            d.decimals = k < 0 ? -1 : static_cast<int>(std::min<long long>(k, kMaxDecimals));
            if (d.kind == 't') d.kind = 'n';
        } else if (n == Tok::StyleMap && !current_.empty()) {
            Data& d = data[current_];
            if (d.maps.size() >= 3) return;  // a format has four sections at most, the base one included
            std::string condition, applied = attr(x, Tok::StyleApplyStyleName);
            for (char c : attr(x, Tok::StyleCondition))
                if (c != ' ') condition += c;
            budget.name(condition.size() + applied.size());
            d.maps.emplace_back(std::move(condition), std::move(applied));
        } else if (n == Tok::NumberDateStyle || n == Tok::NumberTimeStyle || n == Tok::NumberBooleanStyle) {
            current_.clear();  // what follows is this style's, which shows no decimals
        } else if (n == Tok::StyleStyle) {
            current_.clear();  // a data style's maps are within it; a cell style's are conditions
            if (attr(x, Tok::StyleFamily) != "table-cell") return;
            std::string name = attr(x, Tok::StyleName);
            std::string dataStyle = attr(x, Tok::StyleDataStyleName);
            std::string parent = attr(x, Tok::StyleParentStyleName);
            budget.name(name.size() + dataStyle.size() + parent.size());
            if (!dataStyle.empty()) cellData[name] = dataStyle;
            if (!parent.empty()) cellParent[name] = parent;
        }
    }
    // Whether a cell style leaves the number format unset (no data style on it
    // or its parents): Calc then infers a formula cell's format. One that names
    // a data style, even a General one (Gnumeric's "Gnumeric-default"), keeps it.
    bool formatUnset(std::string style) const {
        for (int depth = 0; depth < 8 && !style.empty(); ++depth) {
            if (cellData.count(style)) return false;
            auto p = cellParent.find(style);
            style = p == cellParent.end() ? "" : p->second;
        }
        return true;
    }
    int decimals(std::string style) const {
        for (int depth = 0; depth < 8 && !style.empty(); ++depth) {
            auto d = cellData.find(style);
            if (d != cellData.end()) return dataDecimals(d->second);
            auto p = cellParent.find(style);
            style = p == cellParent.end() ? "" : p->second;
        }
        return -1;
    }

private:
    // The decimals of a language's currency in LibreOffice 7.4's locale data
    // (checked: vi-VN, ja-JP, ko-KR, is-IS, km-KH show none; 14 others 2). A
    // style without number:language is the document's, read as en-US's.
    static long long currencyDecimals(const std::string& language) {
        for (const char* none : {"vi", "ja", "ko", "is", "km"})
            if (language == none) return 0;
        return 2;
    }
    // A format of several sections ("0.00;[RED]-0.00", "0.0;-0.0;-") is written as
    // a data style (the last section) whose style:map elements apply the others
    // under conditions. Calc's import makes the code again and types it as it
    // would without the conditions: the decimals are the first section's when
    // every section (the text one aside) is of its kind, a General one among
    // them ("[>=0]0.00;[<0]0.00;General", as Calc writes an .xlsx's conditions);
    // Calc types a format of mixed sections "user-defined" (the corpus's
    // "[>=0]0.00;[<0]0.00;" with a base of text alone): no decimals. Three maps
    // are taken only as the ordinary ">0", "<0", "=0" (LibreOffice 7.4: the
    // corpus, Gnumeric's files, xlsxwriter's conditions through Calc's .ods).
    int dataDecimals(const std::string& name) const {
        auto it = data.find(name);
        if (it == data.end()) return -1;
        const Data& base = it->second;
        auto shows = [](char kind) { return kind == 'n' || kind == '%' || kind == 'c'; };
        if (base.maps.empty()) return shows(base.kind) ? base.decimals : -1;
        if (base.maps.size() == 3) {
            std::vector<std::string> conditions;
            for (const auto& m : base.maps) conditions.push_back(m.first);
            if (conditions != std::vector<std::string>{"value()>0", "value()<0", "value()=0"}) return -1;
        }
        std::vector<const Data*> sections;
        for (const auto& m : base.maps) {
            auto s = data.find(m.second);
            if (s == data.end()) return -1;
            sections.push_back(&s->second);
        }
        sections.push_back(&base);
        const Data& first = *sections[0];
        if (!shows(first.kind)) return -1;
        for (size_t i = 1; i < sections.size() && i < 3; ++i)
            if (sections[i]->kind != 'x' && sections[i]->kind != first.kind) return -1;
        return first.decimals;
    }

    std::string current_;  // the data style being read, "" outside one
};

void readStyles(const XmlEntry& x, Styles& styles, Budget& budget) {
    if (!x) return;
    int ok;
    while ((ok = x.next()) == 1)
        if (x.node().type == XmlNode::Start) styles.element(x, x.node().name, budget);
    x.check(ok);
}

// The default cell style of each column of a table, as spans: a column
// repeated 16,384 times is one entry.
class ColumnStyles {
public:
    void add(long long repeat, std::string style) {
        if (end_ >= kMaxCols) return;  // Calc has no columns beyond
        end_ = std::min(addSat(end_, repeat), kMaxCols);
        spans_.emplace_back(end_, std::move(style));
    }
    const std::string* at(long long col) const {
        auto it = std::upper_bound(spans_.begin(), spans_.end(), col, [](long long c, const auto& s) { return c < s.first; });
        return it == spans_.end() ? nullptr : &it->second;
    }
    void clear() {
        spans_.clear();
        end_ = 0;
    }
    size_t spans() const { return spans_.size(); }
    bool operator==(const ColumnStyles& o) const { return end_ == o.end_ && spans_ == o.spans_; }

private:
    std::vector<std::pair<long long, std::string>> spans_;  // (column after the span, style)
    long long end_ = 0;
};

// At most a few words of a sheet name in a note: names come from the file.
std::string shortName(const std::string& s) {
    constexpr size_t kMax = 60;
    if (s.size() <= kMax) return s;
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return s.substr(0, cut) + "…";
}

// What reading left out, summed up: one note per kind, not one per cell.
struct Notes {
    long long sheetsIgnored = 0;
    long long clippedSheets = 0;             // sheets with values beyond Calc's bounds
    std::string firstClipped;
    long long textsCut = 0;
    std::string firstCut;                    // where the first cut text is

    PendingFormulas uncached;                // formula cells without a saved result

    // Number cells without a number format of their own whose formula is one
    // cell ("=[.A2]"): Calc shows them in that cell's format (its interpreter
    // infers the result's format; LibreOffice 7.4). Given by
    // formatsFromReferences once every sheet is read.
    struct Reference {
        size_t sheet;
        long long row, col, rows, cols;  // the cell and its repeats
        std::string address;             // ".A2", "$'Biểu 1'.$C$5"
    };
    std::vector<Reference> references;

    // A second half with references is not kept (one parse reads on): its
    // positions would need moving; the files that have them are small.
    bool any() const { return sheetsIgnored > 0 || clippedSheets > 0 || textsCut > 0 || uncached.count > 0 || !references.empty(); }

    void addTo(Workbook& wb) {
        if (clippedSheets > 0) {
            bool more = clippedSheets > 1;
            wb.notes.push_back({"Bỏ qua, như Calc, các giá trị ngoài dòng " + grouped(kMaxRows, '.') + " hoặc cột " + columnName(kMaxCols - 1) +
                                    " trên trang '" + shortName(firstClipped) + "'" +
                                    (more ? " và " + grouped(clippedSheets - 1, '.') + " trang khác" : ""),
                                "Values beyond row " + grouped(kMaxRows, ',') + " or column " + columnName(kMaxCols - 1) +
                                    " ignored, as Calc does, on sheet '" + shortName(firstClipped) + "'" +
                                    (more ? " and " + grouped(clippedSheets - 1, ',') + " other sheets" : "")});
        }
        if (sheetsIgnored > 0)
            wb.notes.push_back({"Chỉ đọc " + grouped(kMaxSheets, '.') + " trang tính đầu (số trang tối đa của Calc); bỏ qua " +
                                    grouped(sheetsIgnored, '.') + " trang còn lại, như Calc",
                                "Only the first " + grouped(kMaxSheets, ',') + " sheets were read (Calc's maximum); " +
                                    grouped(sheetsIgnored, ',') + " more were ignored, as Calc does"});
        if (textsCut > 0)
            wb.notes.push_back({"Văn bản của " + grouped(textsCut, '.') + " ô bị cắt còn " + grouped(kMaxCellChars, '.') +
                                    " ký tự (ô đầu tiên: " + firstCut + ")",
                                "Text of " + grouped(textsCut, ',') + " cells cut to " + grouped(kMaxCellChars, ',') +
                                    " characters (first: " + firstCut + ")"});
    }
};

// The table (sheet) being read from content.xml. Rows and columns are 64-bit
// and saturating, so that no repeat count can wrap them; values are kept per
// row and stored when the row ends, once for each row it repeats into.
class TableReader {
public:
    TableReader(Workbook& wb, Budget& budget, Notes& notes) : wb_(wb), budget_(budget), notes_(notes) {}

    bool open() const { return sheet_ != nullptr; }

    void start(const std::string& name) {
        budget_.name(name.size() + sizeof(Sheet));
        Sheet& s = wb_.addSheet(name);
        sheet_ = &s;  // closed by its end (<table:table/> has one too)
        row_ = col_ = reach_ = 0;
        rowRepeat_ = 1;
        rowStyle_.clear();
        clipped_ = false;
        columns_.clear();
    }
    void end() {
        commitRow();
        if (clipped_ && notes_.clippedSheets++ == 0) notes_.firstClipped = sheet_->name();
        sheet_ = nullptr;
    }
    void column(long long repeat, std::string style) { columns_.add(repeat, std::move(style)); }
    const ColumnStyles& columns() const { return columns_; }
    void setColumns(const ColumnStyles& c) { columns_ = c; }
    // Between two rows: nothing waits to be stored (see Split).
    bool betweenRows() const { return pending_.empty(); }
    long long row() const { return row_; }
    Sheet& sheet() const { return *sheet_; }
    // One past the last row anything was, or could have been, stored in.
    long long reach() const { return reach_; }
    // The table's rows after this point were read apart and appended to its
    // sheet (Split): only its end remains to be told.
    void handOver() {
        if (clipped_ && notes_.clippedSheets++ == 0) notes_.firstClipped = sheet_->name();
        sheet_ = nullptr;
    }

    void rowStart(long long repeat, std::string style) {
        commitRow();
        col_ = 0;
        rowRepeat_ = repeat;
        rowStyle_ = std::move(style);
    }
    void rowEnd() {
        commitRow();
        row_ = addSat(row_, rowRepeat_);
    }

    // The current cell (and its repeats) is a General number whose formula is
    // the cell at `address` (see Notes::Reference).
    void reference(std::string address, long long repeat) {
        constexpr size_t kMaxReferences = 100000;  // then the rest keep General
        if (notes_.references.size() >= kMaxReferences || row_ >= kMaxRows || col_ >= kMaxCols) return;
        budget_.name(address.size() + sizeof(Notes::Reference));
        notes_.references.push_back({wb_.sheets.size() - 1, row_, col_, rowRepeat_, repeat, std::move(address)});
    }

    // The style a cell without its own takes: its row's default cell style,
    // else its column's (as Calc imports them), or null.
    const std::string* defaultStyle() const { return rowStyle_.empty() ? columns_.at(col_) : &rowStyle_; }
    long long rowRepeat() const { return rowRepeat_; }
    // The current cell is a formula without a saved result (formula_results.h).
    void uncached(PendingFormula f) {
        f.sheet = sheet_->name();
        f.row = static_cast<int>(std::min(row_, kMaxRows - 1));
        f.col = static_cast<int>(std::min(col_, kMaxCols - 1));
        if (row_ >= kMaxRows || col_ >= kMaxCols) f.text.clear();
        notes_.uncached.add(std::move(f));
    }
    // "'Sheet'!A1" of the current cell, for notes.
    std::string where() const {
        return "'" + shortName(sheet_->name()) + "'!" + (row_ < kMaxRows && col_ < kMaxCols ? cellName(static_cast<int>(row_), static_cast<int>(col_)) : "?");
    }

    void cell(const Cell& c, long long repeat) {
        long long colEnd = std::min(addSat(col_, repeat), kMaxCols);
        if (c.kind != Cell::Kind::Empty) {
            if (colEnd < addSat(col_, repeat) || row_ >= kMaxRows) clipped_ = true;
            // A row holds at most kMaxCols cells, but their text can be long.
            if (col_ < colEnd) budget_.checkText(addSat(pendingText_, mulSat(colEnd - col_, c.text.size())));
            for (long long k = col_; k < colEnd; ++k) {
                pending_.emplace_back(static_cast<int>(k), c);
                pendingText_ += c.text.size();
            }
        }
        col_ = addSat(col_, repeat);
    }

private:
    // Stores the row just read into each row it repeats into, within Calc's
    // bounds, after counting what that keeps.
    void commitRow() {
        if (pending_.empty()) return;
        reach_ = std::max(reach_, addSat(row_, rowRepeat_));
        long long rowEnd = std::min(addSat(row_, rowRepeat_), kMaxRows);
        if (rowEnd < addSat(row_, rowRepeat_)) clipped_ = true;
        if (row_ < rowEnd) {
            long long rows = rowEnd - row_, width = pending_.back().first + 1;
            budget_.keep(mulSat(rows, width), std::max(0LL, rowEnd - sheet_->rows()), mulSat(rows, pendingText_));
            for (long long rr = row_; rr < rowEnd; ++rr) {
                int r = static_cast<int>(rr);
                sheet_->set(r, pending_.back().first, pending_.back().second);  // the last first: each row is allocated once, at its width
                for (size_t i = 0; i + 1 < pending_.size(); ++i) sheet_->set(r, pending_[i].first, pending_[i].second);
            }
        }
        pending_.clear();
        pendingText_ = 0;
    }

    Workbook& wb_;
    Budget& budget_;
    Notes& notes_;
    Sheet* sheet_ = nullptr;  // valid until the next addSheet
    long long row_ = 0, col_ = 0, rowRepeat_ = 1, pendingText_ = 0, reach_ = 0;
    std::string rowStyle_;  // the row's table:default-cell-style-name
    bool clipped_ = false;
    ColumnStyles columns_;
    std::vector<std::pair<int, Cell>> pending_;  // values of the current row, by column
};

// A sheet Calc keeps as the cached copy of an externally linked file, named
// "'file:///path/book.ods'#Sheet1" (any URL scheme): a quote, a scheme, then
// "'#" and a sheet name — the test of LibreOffice's lcl_isExternalRefCache
// (sc/source/filter/xml/xmltabi.cxx).
bool isExternalRefCache(const std::string& name) {
    if (name.size() < 4 || name[0] != '\'') return false;
    size_t i = 1;
    while (i < name.size() && (std::isalnum(static_cast<unsigned char>(name[i])) || name[i] == '.' || name[i] == '-' || name[i] == '+')) ++i;
    if (i == 1 || i >= name.size() || name[i] != ':' || !std::isalpha(static_cast<unsigned char>(name[1]))) return false;
    size_t hash = name.find("'#", i);
    return hash != std::string::npos && hash + 2 < name.size();
}

// ---- Two halves (issue 11). Parsing content.xml is most of reading a large
// .ods, and one core parses it at about twice the cost of unzipping it. So a
// second thread (secondHalf) inflates the entry on its own handle, drops its
// first half, and parses the rest from the first row start tag it finds
// there, as if the document had begun with XmlEntry::kSecondHalfStart;
// meanwhile this thread parses up to that byte, and then checks that its own
// parse stands exactly where the second one began (same elements open,
// nothing pending, the same table with the same column and cell styles, see
// adopt in readContent). Only then are the second half's sheets appended to
// the first's; any doubt, any error or bound met in the second half, and this
// thread parses on alone, so that every message and every cell is the one a
// single parse gives. Written up in docs/READERS.md, "Two halves".

// The table a second half continues, as the first half saw it at its first row.
struct TableContext {
    long long table = 0;  // its number among the tables (readContent's `tables`)
    // Copied on write by readContent: a published one is never changed.
    std::shared_ptr<Styles> styles;
    ColumnStyles columns;
};

// What the second half read, to be appended to the first's.
struct SecondHalf {
    Workbook wb;           // sheets[0]: the rest of the table it began in
    long long reach = 0;   // that table's rows used, from the cut on
    long long storage = 0, textBytes = 0, nameBytes = 0;  // its Budget
    Notes notes;
    long long nodes = 0;     // elements, its made-up start left out
    long long unzipped = 0;  // the package's bytes unzipped at its end
    size_t dictBytes = 0;    // its parser's names (XmlEntry::dictBytes)
};

struct Split {
    // Set before the thread starts, then only read.
    const std::string& path;
    const std::string* bytes;  // the package in memory, or null: the file at path
    long long archiveBytes;
    zip_stat_t entry;          // content.xml as the first half's handle sees it
    long long target;          // the second half starts looking for a row here
    long long unzippedBefore, nodesBefore;  // the package's counts before content.xml

    std::mutex m;
    std::condition_variable cv;
    // Guarded by m.
    long long cut = kUndecided;  // kNone: there is no second half
    std::optional<TableContext> latest;  // the table the first half reads, from its first row on
    std::optional<TableContext> used;    // the one the second half took
    enum class State { Running, Failed, Done } state = State::Running;
    std::unique_ptr<SecondHalf> result;
    std::atomic<bool> cancel{false};
    std::thread thread;

    static constexpr long long kUndecided = -1, kNone = -2;
    // Column spans of a context: a bound, for a table with thousands of
    // column styles (it is then read by one thread).
    static constexpr size_t kMaxContextSpans = 1024;
    // How far past the target a row start is looked for.
    static constexpr long long kMaxSeek = 4LL << 20;

    Split(const std::string& p, const std::string* b, long long archive) : path(p), bytes(b), archiveBytes(archive) {}
    ~Split() { stop(); }
    void stop() {
        {
            std::lock_guard<std::mutex> lock(m);
            cancel = true;
        }
        cv.notify_all();
        if (thread.joinable()) thread.join();
    }
};

long long splitTarget(const Split& s) { return s.target; }

// The first half is about to read past the target: it waits for the second
// half to have chosen its cut (that only inflates, so it comes soon).
long long decideCut(Split& s) {
    std::unique_lock<std::mutex> lock(s.m);
    s.cv.wait(lock, [&] { return s.cut != Split::kUndecided; });
    return s.cut;
}

void abandonSplit(Split& s) {
    {
        std::lock_guard<std::mutex> lock(s.m);
        s.cancel = true;
    }
    s.cv.notify_all();
}

// The second half takes the table the first half reads when it starts
// parsing: right when the cut lies in the table that is read then, which in
// a large workbook is the large table; else the first half sees the
// difference and reads on alone.
void publishTable(Split& s, long long table, const std::shared_ptr<Styles>& styles, const ColumnStyles& columns) {
    {
        std::lock_guard<std::mutex> lock(s.m);
        if (columns.spans() <= Split::kMaxContextSpans) s.latest = TableContext{table, styles, columns};
        else s.latest.reset();
    }
    s.cv.notify_all();
}

// At the cut, the first half in the state checked by adopt: the second half,
// once done, if it began in this very table (null otherwise).
std::unique_ptr<SecondHalf> takeSecondHalf(Split& s, long long table, const Styles* styles, const ColumnStyles& columns) {
    std::unique_lock<std::mutex> lock(s.m);
    if (s.cut < 0 || !s.used || s.used->table != table || s.used->styles.get() != styles || !(s.used->columns == columns))
        return nullptr;
    s.cv.wait(lock, [&] { return s.state != Split::State::Running; });
    return std::move(s.result);
}

void readContent(const XmlEntry& x, Workbook& wb, std::shared_ptr<Styles>& styles, Budget& budget, Notes& notes,
                 Split* split = nullptr, const TableContext* resume = nullptr, long long* resumedReach = nullptr);

void secondHalf(Split& s);

void readContent(const XmlEntry& x, Workbook& wb, std::shared_ptr<Styles>& styles, Budget& budget, Notes& notes,
                 Split* split, const TableContext* resume, long long* resumedReach) {
    TableReader table(wb, budget, notes);
    long long tables = 0, published = 0;
    bool resumed = false;  // a second half: its made-up table is open
    int skipDepth = -1;  // inside a table beyond kMaxSheets: its end tag's depth
    constexpr int kUnknown = -1000;
    std::string lastStyle;  // the style whose decimals lastDecimals holds
    static const std::string kNoStyle;
    int lastDecimals = kUnknown;
    auto endTable = [&] {
        table.end();
        if (resumed && resumedReach && *resumedReach < 0) *resumedReach = table.reach();
    };
    // At the cut: keep the second half when this parse stands where it began.
    auto adopt = [&]() -> bool {
        if (skipDepth >= 0 || !table.open() || !table.betweenRows() || !x.atCleanCut()) return false;
        std::unique_ptr<SecondHalf> h = takeSecondHalf(*split, tables, styles.get(), table.columns());
        if (!h || h->wb.sheets.empty() || h->notes.any()) return false;
        // libxml2 bounds the names one parse keeps (10,000,000 bytes of
        // dictionary without XML_PARSE_HUGE): two parsers could each stay
        // under a bound that one would pass. Real files hold a few kilobytes.
        constexpr size_t kMaxDictBytes = 1 << 20;
        if (x.dictBytes() + h->dictBytes > kMaxDictBytes) return false;
        // Counted as one parse would have: the empty rows between the halves are new rows too.
        Sheet& sheet = table.sheet();
        const long long row = table.row();
        const long long storage =
            addSat(budget.storage, addSat(h->storage, mulSat(std::max(0LL, row - sheet.rows()), Sheet::kRowBytes)));
        if (addSat(row, h->reach) > kMaxRows || storage > kMaxCellBytes || addSat(budget.textBytes, h->textBytes) > kMaxTextBytes ||
            addSat(budget.nameBytes, h->nameBytes) > kMaxNameBytes || !x.nodesLeft(h->nodes))
            return false;
        if (!sheet.appendRows(std::move(h->wb.sheets[0]), static_cast<int>(row))) return false;
        for (size_t i = 1; i < h->wb.sheets.size(); ++i) wb.sheets.push_back(std::move(h->wb.sheets[i]));
        for (auto& [name, area] : h->wb.names) wb.names[name] = std::move(area);
        budget.storage = storage;
        budget.textBytes = addSat(budget.textBytes, h->textBytes);
        budget.nameBytes = addSat(budget.nameBytes, h->nameBytes);
        table.handOver();
        x.handedOver(h->nodes, h->unzipped);
        return true;
    };
    int ok;
    while ((ok = x.next(split != nullptr)) == 1 || ok == XmlEntry::kPaused) {
        if (ok == XmlEntry::kPaused) {
            if (adopt()) return;  // the second half checked the entry's end
            x.resume();
            continue;
        }
        const XmlNode& r = x.node();
        if (r.type == XmlNode::Text) continue;
        if (skipDepth >= 0) {
            if (r.type == XmlNode::End && r.depth == skipDepth) skipDepth = -1;
            continue;
        }
        const Tok n = r.name;
        if (r.type == XmlNode::End) {
            if (n == Tok::TableTableRow && table.open()) table.rowEnd();
            if (n == Tok::TableTable && table.open()) endTable();
            continue;
        }
        if (!table.open()) {
            if (Styles::reads(n)) {
                if (styles.use_count() > 1) styles = std::make_shared<Styles>(*styles);  // a split keeps the one it saw
                styles->element(x, n, budget);
            }
            lastDecimals = kUnknown;  // a style read between tables may redefine one
        }
        if (resume && !resumed && n == Tok::TableTable && r.depth == XmlEntry::kCutDepth - 1) {
            // The second half's made-up table: the one the cut lies in.
            table.start("");
            table.setColumns(resume->columns);
            tables = resume->table;  // (a second half publishes nothing)
            resumed = true;
            continue;
        }
        if (n == Tok::TableTable) {
            if (table.open()) endTable();
            std::string name = attr(x, Tok::TableName);
            if (isExternalRefCache(name)) {
                // Calc loads it into its cache of linked files, not as a sheet.
                skipDepth = r.depth;
            } else if (++tables > kMaxSheets) {
                ++notes.sheetsIgnored;
                skipDepth = r.depth;
            } else {
                table.start(name);
            }
        } else if (n == Tok::TableTableColumn && table.open()) {
            table.column(count(x.attr(Tok::TableNumberColumnsRepeated)), attr(x, Tok::TableDefaultCellStyleName));
        } else if (n == Tok::TableTableRow && table.open()) {
            if (split && published != tables) publishTable(*split, published = tables, styles, table.columns());
            table.rowStart(count(x.attr(Tok::TableNumberRowsRepeated)), attr(x, Tok::TableDefaultCellStyleName));
        } else if ((n == Tok::TableTableCell || n == Tok::TableCoveredTableCell) && table.open()) {
            // One pass over the attributes: cells are most of the file.
            CellAttrs ca;
            ca.read(x);
            using T = CellAttrs::Type;
            const T vt = ca.type;
            // A number cell (the bulk of a large sheet) needs neither its text
            // nor a copy of its style's name.
            const bool number = (vt == T::Float || vt == T::Percentage || vt == T::Currency) && ca.valueOk && !ca.calcError;
            CellText ct = cellText(x, !number);
            const std::string& text = ct.s;
            Cell cell;
            if (ca.calcError || (ca.formula && vt == T::None && looksLikeError(text)) ||
                (ca.formula && vt == T::String && looksLikeError(text))) {
                cell = Cell::makeError(text.empty() ? "#ERR" : text);  // as Calc shows it: the paragraph
            } else if (vt == T::String && ca.hasStringValue) {
                // office:string-value is the text, whatever the paragraphs say (as Calc reads it).
                ct = CellText();
                ct.append(ca.stringValue);
                cell = Cell::makeText(ct.s);
                if (cell.text.empty()) cell = Cell();
            } else if (vt == T::Float || vt == T::Percentage || vt == T::Currency) {
                if (ca.valueOk) {
                    // Neighbouring cells mostly share a style: look it up once per run of them.
                    const std::string* style = ca.style.empty() ? table.defaultStyle() : &ca.style;
                    const std::string& name = style ? *style : kNoStyle;
                    if (name != lastStyle || lastDecimals == kUnknown) {
                        lastStyle = name;
                        lastDecimals = styles->decimals(name);
                    }
                    cell = Cell::makeNumber(ca.value, lastDecimals);
                } else {
                    // A number cell whose office:value is missing or not a number:
                    // Calc reads 0 (its shown text does not count).
                    const std::string* style = ca.style.empty() ? table.defaultStyle() : &ca.style;
                    cell = Cell::makeNumber(0, styles->decimals(style ? *style : kNoStyle));
                }
            } else if (double v; vt == T::Date && odsDate(ca.dateValue, v)) {
                cell = Cell::makeDate(v);  // a date format shows no decimals of days
            } else if (double v; vt == T::Time && odsDuration(ca.timeValue, v)) {
                cell = Cell::makeNumber(v, -1);
            } else if (vt == T::Boolean) {
                cell = Cell::makeNumber(ca.boolValue);
            } else if (vt != T::None || !text.empty()) {
                cell = Cell::makeText(ct.s);
                if (cell.text.empty()) cell = Cell();
            }
            // A formula saved without its result (odfpy and other generators write
            // them so): Calc computes it when it opens the file; so does
            // formula_results once every sheet is read, where it can, and the
            // note says the rest, so that no check passes on one unseen.
            // (A formula giving "" is saved with an empty paragraph and no type: a result.)
            if (ca.formula && !ca.calcError &&
                ((vt == T::None && !ct.paragraph) || (!ca.valueOk && (vt == T::Float || vt == T::Percentage || vt == T::Currency)))) {
                const std::string* style = ca.style.empty() ? table.defaultStyle() : &ca.style;
                const std::string& name = style ? *style : kNoStyle;
                PendingFormula f;
                // A repeated cell's copies would each shift its relative references: not computed.
                if (ca.colRepeat == 1 && table.rowRepeat() == 1) formulaBody(ca.formulaText, f.text, f.syntax);
                f.decimals = styles->decimals(name);
                f.general = styles->formatUnset(name) && vt != T::Percentage && vt != T::Currency;
                table.uncached(std::move(f));
            }
            if (!ca.reference.empty() && vt == T::Float && cell.kind == Cell::Kind::Number && cell.decimals == -1) {
                const std::string* style = ca.style.empty() ? table.defaultStyle() : &ca.style;
                if (styles->formatUnset(style ? *style : kNoStyle)) table.reference(std::move(ca.reference), ca.colRepeat);
            }
            if (ct.cut && (cell.kind == Cell::Kind::Text || cell.kind == Cell::Kind::Error) && notes.textsCut++ == 0)
                notes.firstCut = table.where();
            table.cell(cell, ca.colRepeat);
        } else if (n == Tok::TableNamedRange || n == Tok::TableNamedExpression) {
            Area a;
            std::string addr = attr(x, n == Tok::TableNamedRange ? Tok::TableCellRangeAddress : Tok::TableExpression);
            if (addr.size() > 3 && addr.compare(0, 3, "of:") == 0) addr = addr.substr(3);
            if (!addr.empty() && addr.front() == '[' && addr.back() == ']') addr = addr.substr(1, addr.size() - 2);
            if (parseRangeAddress(addr, a)) {
                std::string name = attr(x, Tok::TableName);
                budget.name(name.size() + a.sheet.size());
                wb.names[name] = a;
            }
        }
    }
    x.check(ok);
}

// The second thread of a split read: see "Two halves" above. Whatever happens
// here only decides whether its half is kept: errors and bounds are left for
// the first thread to meet, in its own words, as a single parse would.
void secondHalf(Split& s) {
    std::unique_ptr<SecondHalf> h;
    bool decided = false;
    try {
        std::unique_ptr<Zip> zip = s.bytes ? std::make_unique<Zip>(*s.bytes, s.path) : std::make_unique<Zip>(s.path);
        // The same entry as the first half's handle sees (the file could have been replaced since).
        zip_stat_t st;
        if (zip_stat(zip->z, "content.xml", 0, &st) != 0 || st.valid != s.entry.valid || st.size != s.entry.size ||
            st.comp_size != s.entry.comp_size || st.crc != s.entry.crc || st.comp_method != s.entry.comp_method)
            throw Cancelled();
        Package pkg(zip->z, s.path, s.archiveBytes);
        pkg.unzipped = s.unzippedBefore;
        pkg.nodes = s.nodesBefore;
        XmlEntry x(pkg, "content.xml", kMaxUnzippedBytes, true);
        x.cancelWith(&s.cancel);
        long long cut = -1;
        const bool found = x.seekRow(s.target, Split::kMaxSeek, cut);
        TableContext context;
        {
            std::unique_lock<std::mutex> lock(s.m);
            s.cut = found ? cut : Split::kNone;
            decided = true;
            s.cv.notify_all();
            if (!found) throw Cancelled();
            s.cv.wait(lock, [&] { return s.cancel || s.latest; });
            if (s.cancel) throw Cancelled();
            s.used = context = *s.latest;
        }
        auto half = std::make_unique<SecondHalf>();
        Budget budget{s.path};
        half->reach = -1;
        readContent(x, half->wb, context.styles, budget, half->notes, nullptr, &context, &half->reach);
        if (half->reach < 0) throw Cancelled();  // its table never ended
        half->storage = budget.storage;
        half->textBytes = budget.textBytes;
        half->nameBytes = budget.nameBytes;
        half->nodes = pkg.nodes - s.nodesBefore - XmlEntry::kCutDepth;
        half->unzipped = pkg.unzipped;
        half->dictBytes = x.dictBytes();
        h = std::move(half);
    } catch (...) {
        // Cancelled, an OdsError, memory: the first half reads on alone.
        h.reset();
    }
    {
        std::lock_guard<std::mutex> lock(s.m);
        if (!decided) s.cut = Split::kNone;
        s.result = std::move(h);
        s.state = s.result ? Split::State::Done : Split::State::Failed;
    }
    s.cv.notify_all();
}

std::map<std::string, std::string> userProperties(Package& pkg) {
    XmlEntry x(pkg, "meta.xml", kMaxSideEntryBytes, false);
    std::map<std::string, std::string> props;
    if (!x) return props;
    int ok;
    while ((ok = x.next()) == 1) {
        if (x.node().type != XmlNode::Start || x.node().name != Tok::MetaUserDefined) continue;
        std::string name = attr(x, Tok::MetaName);
        int depth = x.node().depth;
        std::string& value = props[name];
        value.clear();
        // Its text, all of it (bounded by the entry's size).
        while ((ok = x.next()) == 1 && !(x.node().type == XmlNode::End && x.node().depth == depth))
            if (x.node().type == XmlNode::Text) value += x.text();
        if (ok != 1) break;
    }
    x.check(ok);
    return props;
}

// A password set in Calc ciphers the XML inside the package (ODF encryption,
// declared in the manifest); a zip-level password ciphers the entries.
// Either way the file cannot be read: say so instead of "not well-formed".
void refuseEncrypted(Package& pkg) {
    XmlEntry x(pkg, "META-INF/manifest.xml", kMaxSideEntryBytes, false);
    if (!x) return;
    int ok;
    while ((ok = x.next()) == 1)
        if (x.node().type == XmlNode::Start && x.node().name == Tok::ManifestEncryptionData) passwordError(pkg.path);
    x.check(ok);
}

// The package's size on disk: what its unzipped bytes are bounded by.
long long fileBytes(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 ? static_cast<long long>(st.st_size) : 0;
}

// A second thread for content.xml's second half, when it is large enough; null otherwise.
std::unique_ptr<Split> startSplit(const Package& pkg, const std::string* bytes, long long archiveBytes, const OdsReadOptions& options) {
    zip_stat_t st;
    if (options.splitMinBytes < 0 || zip_stat(pkg.z, "content.xml", 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
        static_cast<long long>(std::min<zip_uint64_t>(st.size, kFar)) < options.splitMinBytes || st.size == 0)
        return nullptr;
    auto s = std::make_unique<Split>(pkg.path, bytes, archiveBytes);
    s->entry = st;
    const double at = std::clamp(options.splitAt, 0.0, 1.0);
    s->target = static_cast<long long>(at * static_cast<double>(std::min<zip_uint64_t>(st.size, kFar)));
    s->unzippedBefore = pkg.unzipped;
    s->nodesBefore = pkg.nodes;
    try {
        s->thread = std::thread(secondHalf, std::ref(*s));
    } catch (const std::system_error&) {
        return nullptr;  // no thread to be had: one parse
    }
    return s;
}

// Gives each General number cell whose formula is one cell the format of that
// cell (Notes::Reference), as Calc shows it: its decimals, or a date. A chain
// (=[.B1] where B1 is =[.C1]) is followed over a few passes.
void formatsFromReferences(Workbook& wb, const std::vector<Notes::Reference>& refs) {
    constexpr int kPasses = 4;
    for (int pass = 0; pass < kPasses; ++pass) {
        bool changed = false;
        for (const Notes::Reference& r : refs) {
            if (r.sheet >= wb.sheets.size()) continue;
            Sheet& sheet = wb.sheets[r.sheet];
            const Sheet* target = &sheet;
            const size_t dot = r.address.rfind('.');
            if (dot == std::string::npos) continue;
            if (dot > 0) {
                Area a;
                if (!parseRangeAddress(r.address, a) || !(target = wb.sheet(a.sheet))) continue;
            }
            int row, col;
            if (!parseCell(r.address.substr(dot + 1), row, col)) continue;
            const Cell from = target->at(row, col);
            if (from.kind != Cell::Kind::Number || (from.decimals == -1 && !from.date)) continue;
            const long long rowEnd = std::min<long long>(addSat(r.row, r.rows), sheet.rows());
            for (long long y = r.row; y < rowEnd; ++y) {
                const long long colEnd = std::min<long long>(addSat(r.col, r.cols), sheet.width(static_cast<int>(y)));
                for (long long x = r.col; x < colEnd; ++x) {
                    Cell c = sheet.at(static_cast<int>(y), static_cast<int>(x));
                    if (c.kind != Cell::Kind::Number || c.decimals != -1 || c.date) continue;
                    c.decimals = from.decimals;
                    c.date = from.date;
                    sheet.set(static_cast<int>(y), static_cast<int>(x), c);
                    changed = true;
                }
            }
        }
        if (!changed) break;
    }
}

Workbook readPackage(zip_t* z, const std::string& path, long long archiveBytes, const std::string* bytes,
                     const OdsReadOptions& options, OdsReadStats* stats) {
    Workbook wb;
    wb.path = path;
    Package pkg(z, path, archiveBytes);
    Budget budget{path};
    Notes notes;
    refuseEncrypted(pkg);
    auto styles = std::make_shared<Styles>();
    readStyles(XmlEntry(pkg, "styles.xml", kMaxSideEntryBytes, false), *styles, budget);
    {
        std::unique_ptr<Split> split = startSplit(pkg, bytes, archiveBytes, options);
        XmlEntry content(pkg, "content.xml", kMaxUnzippedBytes, true);
        content.splitBy(split.get());
        readContent(content, wb, styles, budget, notes, split.get());
        if (split && stats) {
            stats->splitTried = true;
            std::lock_guard<std::mutex> lock(split->m);
            stats->cut = split->cut >= 0 ? split->cut : -1;
            stats->splitUsed = content.secondHalfKept();
        }
    }
    std::map<std::string, std::string> props = userProperties(pkg);
    if (auto named = props.find(embedding::kRuleSet); named != props.end()) wb.ruleSetName = named->second;
    try {
        wb.embeddedRules = embedding::fromProperties(props);
    } catch (const std::runtime_error& e) {
        throw OdsError(same(path + ": ") + textOf(e));
    }
    computeFormulaResults(wb, notes.uncached);
    formatsFromReferences(wb, notes.references);
    notes.addTo(wb);
    return wb;
}

}  // namespace


Workbook readOds(const std::string& path) { return readOds(path, OdsReadOptions()); }

Workbook readOdsMemory(const std::string& bytes, const std::string& name) { return readOdsMemory(bytes, name, OdsReadOptions()); }

Workbook readOds(const std::string& path, const OdsReadOptions& options, OdsReadStats* stats) {
    Zip zip(path);  // read-only; a split read's second thread opens it once more
    return readPackage(zip.z, path, fileBytes(path), nullptr, options, stats);
}

Workbook readOdsMemory(const std::string& bytes, const std::string& name, const OdsReadOptions& options, OdsReadStats* stats) {
    Zip zip(bytes, name);
    return readPackage(zip.z, name, static_cast<long long>(bytes.size()), &bytes, options, stats);
}

}  // namespace reportcheck
