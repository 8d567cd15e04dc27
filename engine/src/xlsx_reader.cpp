// .xlsx -> Workbook with libzip (the package) and libxml2's SAX2 push parser,
// each part parsed while it unzips, 64 KiB at a time: the sheet XML is never in
// memory whole, and cells go straight into the Workbook's packed rows as they
// are read (a sheet's cells come in row order). Before issue 11's second round
// orcus 0.17 read .xlsx: it inflates a part whole and keeps its own cells until
// the sheet is built — 590 MiB for a sheet of Calc's full height, 3.7× the
// memory aim (docs/READERS.md, "Why .xlsx is streamed natively").
//
// The file may come from anyone: what is unzipped, the XML nodes, the text
// between two tags, the cells and text kept, the sheets and styles are all
// bounded, counters are 64-bit, and each crossed bound is one ReadError in
// both languages. Callbacks from libxml2 never throw (they run inside C): an
// exception is kept, the parser stopped, and it is thrown after the chunk.
#include "xlsx_reader.h"

#include <libxml/parser.h>
#include <sys/stat.h>
#include <zip.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "orcus_reader.h"
#include "formula_results.h"
#include "read_notes.h"
#include "reader_bounds.h"
#include "reportcheck/arithmetic.h"  // decimalsOfFormatCode, parseNamedRange
#include "reportcheck/read.h"
#include "xml_ready.h"

namespace reportcheck {

namespace {

using namespace reader_bounds;

// ---- Limits: the package bounds both readers share are in reader_bounds.h
// (bytes unzipped, side parts, nodes, cells, text); these are the .xlsx reader's own.
// XML nodes allowed per unzipped byte: a value cell as Excel writes it is 3
// nodes in about 30 bytes.
constexpr long long kBytesPerNode = 8;
// Bytes of text between two tags: libxml2's own bound for one text node.
constexpr long long kMaxTextRun = 10'000'000;
// The shared string table: strings (its text is bounded as the cells' is).
constexpr size_t kMaxStrings = size_t(1) << 24;
constexpr size_t kMaxSheets = 10'000;  // Calc's limit
constexpr size_t kMaxFormats = 1'000'000;  // number formats, cell formats, column ranges
constexpr size_t kMaxNameBytes = 1024;    // one sheet or range name, one format code
constexpr int kMaxRows = Sheet::kMaxRows, kMaxCols = Sheet::kMaxCols;



[[noreturn]] void fail(const std::string& path, const std::string& en, const std::string& vi) {
    throw ReadError(Text(path + ": " + vi, path + ": " + en));
}

#if LIBXML_VERSION >= 21200
using XmlErrorArg = const xmlError*;
#else
using XmlErrorArg = xmlErrorPtr;
#endif

// An element's attributes as libxml2's SAX2 gives them: five pointers each
// (local name, prefix, URI, value, end of value). Looked up by local name.
struct Attrs {
    const xmlChar** a;
    int n;
    std::string_view raw(const char* local) const {
        for (int i = 0; i < n; ++i)
            if (!std::strcmp(reinterpret_cast<const char*>(a[5 * i]), local))
                return {reinterpret_cast<const char*>(a[5 * i + 3]), static_cast<size_t>(a[5 * i + 4] - a[5 * i + 3])};
        return {};
    }
    bool has(const char* local) const {
        for (int i = 0; i < n; ++i)
            if (!std::strcmp(reinterpret_cast<const char*>(a[5 * i]), local)) return true;
        return false;
    }
    // Without entity substitution libxml2 hands an attribute's '&' to SAX2 as
    // "&#38;" (for its tree builder to decode); nothing else comes escaped.
    std::string text(const char* local, size_t max = kMaxNameBytes) const {
        std::string out(raw(local).substr(0, max + 4));
        for (size_t p = out.find("&#38;"); p != std::string::npos; p = out.find("&#38;", p + 1)) out.erase(p + 1, 4);
        if (out.size() > max) out.resize(max);
        return out;
    }
};

// A non-negative integer attribute; -1 when absent or not one.
long long number(std::string_view v) {
    long long n = -1;
    auto r = std::from_chars(v.data(), v.data() + v.size(), n);
    return r.ec == std::errc() && r.ptr == v.data() + v.size() && n >= 0 ? n : -1;
}

bool truthy(std::string_view v) { return v == "1" || v == "true"; }

// What one part's parse reports to.
class Handler {
public:
    virtual ~Handler() = default;
    virtual void start(std::string_view local, const Attrs& attrs) = 0;
    virtual void end(std::string_view local) = 0;
    virtual void text(const char* p, size_t n) = 0;
};

// ---- Two halves (see "Two halves" further down): what Package::parse asks
// of a split read of a worksheet part, and what it tells it at the cut.
class Package;
// libxml2's state where the first half stopped, at the cut.
struct CutState {
    bool clean = false;         // content, nothing open but elements, nothing pending but white space, no error
    long long pendingNodes = 0;  // the text node the pending white space makes in a single parse (0 or 1)
    size_t dictBytes = 0;       // the names its parser keeps
};
class Cutter {
public:
    virtual ~Cutter() = default;
    // Where the second half starts looking for a row: the first half asks
    // for the cut (decide) before it reads past it.
    virtual long long target() const = 0;
    // Waits for the second half to choose its cut: a byte of the part, or -1 (none).
    virtual long long decide() = 0;
    // At the cut: true when the second half was kept (the part is then read).
    virtual bool adopt(const CutState& state, Package& pkg) = 0;
    // The first half reads on alone.
    virtual void abandon() = 0;
};
// Thrown inside the second half to give it up (never out of the reader).
struct Abandon {};

// The open package and what its parts cost so far, all together.
class Package {
public:
    explicit Package(const std::string& path) : path_(path) {
        int err = 0;
        z_ = zip_open(path.c_str(), ZIP_RDONLY, &err);
        if (!z_) fail(path, "not a valid zip package", "không phải gói zip hợp lệ");
        struct stat st;
        bound(stat(path.c_str(), &st) == 0 ? static_cast<long long>(st.st_size) : 0);
    }
    // A package in memory (the fuzz target's input): `bytes` is not copied and must outlive it.
    Package(const std::string& bytes, const std::string& name) : path_(name), bytes_(&bytes) {
        zip_error_t ze;
        zip_error_init(&ze);
        zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &ze);
        if (src && !(z_ = zip_open_from_source(src, ZIP_RDONLY, &ze))) zip_source_free(src);  // the zip owns src only once open
        zip_error_fini(&ze);
        if (!z_) fail(name, "not a valid zip package", "không phải gói zip hợp lệ");
        bound(static_cast<long long>(bytes.size()));
    }
    // The bounds that follow the package's size (see kMaxInflateRatio).
    void bound(long long size) {
        maxUnzipped_ = std::min(kMaxUnzippedBytes, std::max(kMinUnzippedBytes, std::min(size, kFar / kMaxInflateRatio) * kMaxInflateRatio));
        maxNodes_ = std::max(kMinXmlNodes, maxUnzipped_ / kBytesPerNode);
    }
    ~Package() { zip_discard(z_); }
    Package(const Package&) = delete;
    Package& operator=(const Package&) = delete;

    bool statPart(const std::string& name, zip_stat_t& st) const { return zip_stat(z_, name.c_str(), 0, &st) == 0; }
    bool has(const std::string& name) const {
        zip_stat_t st;
        return zip_stat(z_, name.c_str(), 0, &st) == 0;
    }

    // Parses one part into `h` while it unzips. False when the part is not
    // there and not required; throws ReadError on any other failure.
    // With a cutter (a split read, see "Two halves"), it stops at the cut the
    // second half chose and hands over, or reads on alone.
    bool parse(const std::string& name, Handler& h, long long maxBytes, bool required, Cutter* cutter = nullptr) {
        zip_stat_t st;
        if (zip_stat(z_, name.c_str(), 0, &st) != 0) {
            if (!required) return false;
            fail(path_, "not an .xlsx workbook (no " + name + ")", "không phải tệp .xlsx (thiếu " + name + ")");
        }
        if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
            fail(path_, "protected by a password — open it and save a copy without one",
                 "được bảo vệ bằng mật khẩu — mở tệp và lưu một bản không đặt mật khẩu");
        std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen(z_, name.c_str(), 0), zip_fclose);
        if (!file) fail(path_, "cannot read " + name, "không đọc được " + name);
        Parse p(*this, name, h);
        long long read = 0, stopAt = -1;
        bool asked = false;
        for (;;) {
            long long want = kChunk;
            if (cutter && !asked && read + kChunk > cutter->target()) {
                asked = true;
                stopAt = cutter->decide();
            }
            if (cutter && asked) {
                if (stopAt < read) {
                    cutter->abandon();
                    cutter = nullptr;
                } else if (stopAt == read) {
                    if (cutter->adopt(p.cutState(), *this)) return true;
                    cutter->abandon();
                    cutter = nullptr;
                } else {
                    want = std::min(want, stopAt - read);
                }
            }
            long long room = std::min(maxBytes - read, maxUnzipped_ - unzipped_);
            zip_int64_t got = zip_fread(file.get(), chunk_.get(), static_cast<zip_uint64_t>(std::min<long long>(want, std::max(room, 0LL) + 1)));
            if (got < 0) fail(path_, "damaged " + name, name + " bị hỏng");
            if (got > room) {
                bool own = maxBytes - read < maxUnzipped_ - unzipped_;
                long long limit = own ? maxBytes : maxUnzipped_;
                fail(path_, name + " unzips to more than " + mib(limit) + (own ? "" : ", counting the parts before it") + " (limit of the reader)",
                     name + " giải nén ra hơn " + mib(limit) + (own ? "" : ", tính cả các phần trước nó") + " (giới hạn của trình đọc)");
            }
            read += got;
            unzipped_ += got;
            {
                XmlQuiet quiet(&p.said);
                xmlParseChunk(p.ctxt.get(), chunk_.get(), static_cast<int>(got), got == 0 ? 1 : 0);
            }
            p.check();
            if (got == 0) return true;
        }
    }

    // ---- For a split read (see "Two halves").
    const std::string* bytes() const { return bytes_; }
    long long nodes() const { return nodes_; }
    long long unzipped() const { return unzipped_; }
    long long maxUnzipped() const { return maxUnzipped_; }
    long long maxNodes() const { return maxNodes_; }
    // The second half's package: the first's bounds, and its counts before the part.
    void continueFrom(long long maxUnzipped, long long maxNodes, long long unzipped, long long nodes) {
        maxUnzipped_ = maxUnzipped;
        maxNodes_ = maxNodes;
        unzipped_ = unzipped;
        nodes_ = nodes;
    }
    bool nodesWithin(long long more) const { return addSat(nodes_, more) <= maxNodes_; }
    // The second half was kept: the part counts as read, as one parse counts it.
    void handedOver(long long nodes, long long unzipped) {
        nodes_ = addSat(nodes_, nodes);
        unzipped_ = std::max(unzipped_, unzipped);
    }

    // The second half of a split read, on this package (opened again): the
    // part must be `expect` (the first half's). Feeds its parser the part's
    // head, up to and including the first <sheetData> start tag (headOk then
    // says whether the handler stands right inside it), then the bytes from
    // the first `<row` (with the head's prefix) found past `target`, within
    // `within` bytes, to the end. The cut, or -1, goes to decided (always
    // once, unless this throws). False when anything is amiss; throws
    // ReadError, Abandon or bad_alloc as the parse meets them.
    template <class Decided, class HeadOk>
    bool parseHalf(const std::string& name, Handler& h, const zip_stat_t& expect, long long target, long long within,
                   const std::atomic<bool>& cancel, Decided decided, HeadOk headOk, long long& headNodes, size_t& dictBytes) {
        zip_stat_t st;
        if (zip_stat(z_, name.c_str(), 0, &st) != 0 || st.valid != expect.valid || st.size != expect.size ||
            st.comp_size != expect.comp_size || st.crc != expect.crc || st.comp_method != expect.comp_method ||
            ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE))
            return false;
        std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen(z_, name.c_str(), 0), zip_fclose);
        if (!file) return false;
        Parse p(*this, name, h);
        long long read = 0;
        auto inflate = [&]() -> long long {
            if (cancel.load(std::memory_order_relaxed)) throw Abandon();
            long long room = std::min(kFar - read, maxUnzipped_ - unzipped_);
            zip_int64_t got = zip_fread(file.get(), chunk_.get(), static_cast<zip_uint64_t>(std::min<long long>(kChunk, std::max(room, 0LL) + 1)));
            if (got < 0 || got > room) throw Abandon();
            read += got;
            unzipped_ += got;
            return got;
        };
        auto feed = [&](const char* d, size_t n, bool end) {
            {
                XmlQuiet quiet(&p.said);
                xmlParseChunk(p.ctxt.get(), d, static_cast<int>(n), end ? 1 : 0);
            }
            p.check();
        };
        // The head: up to the '>' of the first "<sheetData" or "<prefix:sheetData".
        std::string buf, prefix;
        size_t headEnd = std::string::npos;
        for (size_t searched = 0; headEnd == std::string::npos;) {
            const long long got = inflate();
            if (got == 0) return false;
            buf.append(chunk_.get(), static_cast<size_t>(got));
            static constexpr std::string_view kSheetData = "sheetData";
            size_t open = std::string::npos;  // a start tag whose '>' is not in yet
            for (size_t at = buf.find(kSheetData, searched); at != std::string::npos; at = buf.find(kSheetData, at + 1)) {
                size_t lt = at;  // after the '<'; a prefix ("x:") lies between
                while (lt > 0 && lt + 64 > at && buf[lt - 1] != '<' && buf[lt - 1] != '>' && buf[lt - 1] != ' ') --lt;
                if (lt == 0 || buf[lt - 1] != '<') continue;
                if (lt != at && buf[at - 1] != ':') continue;
                const size_t gt = buf.find('>', at);
                if (gt == std::string::npos) {
                    open = lt - 1;
                    break;  // with more bytes
                }
                if (buf[gt - 1] == '/') return false;  // an empty sheetData: nothing to split
                prefix = buf.substr(lt, at - lt);
                headEnd = gt + 1;
                break;
            }
            if (headEnd == std::string::npos) {
                if (buf.size() > kMaxHead) return false;
                searched = open != std::string::npos ? open : buf.size() > 80 ? buf.size() - 80 : 0;
            }
        }
        feed(buf.data(), headEnd, false);
        const xmlParserCtxt* c = p.ctxt.get();
        if (!headOk() || !c->input || c->input->cur != c->input->end || c->instate != XML_PARSER_CONTENT || p.dtd || p.fatal ||
            (c->input->buf && c->input->buf->encoder))
            return false;
        headNodes = nodes_;
        // The cut: the first row start tag past target.
        const std::string row = "<" + prefix + "row";
        auto delimiter = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '>' || ch == '/'; };
        const long long from = std::max<long long>(target, static_cast<long long>(headEnd));
        long long bufAt = 0, cut = -1;  // buf holds the part's bytes [bufAt, bufAt + buf.size())
        for (;;) {
            if (bufAt < from) {
                const size_t drop = static_cast<size_t>(std::min<long long>(static_cast<long long>(buf.size()), from - bufAt));
                buf.erase(0, drop);
                bufAt += static_cast<long long>(drop);
            }
            size_t i = 0;
            for (;;) {
                const size_t hit = buf.find(row, i);
                if (hit == std::string::npos || hit + row.size() >= buf.size()) break;
                if (delimiter(buf[hit + row.size()])) {
                    cut = bufAt + static_cast<long long>(hit);
                    break;
                }
                i = hit + 1;
            }
            if (cut >= 0) break;
            if (bufAt + static_cast<long long>(buf.size()) > from + within) break;
            if (buf.size() > row.size()) {
                const size_t drop = buf.size() - row.size();
                buf.erase(0, drop);
                bufAt += static_cast<long long>(drop);
            }
            const long long got = inflate();
            if (got == 0) break;
            buf.append(chunk_.get(), static_cast<size_t>(got));
        }
        decided(cut);
        if (cut < 0) return false;
        // From the cut to the end.
        feed(buf.data() + (cut - bufAt), buf.size() - static_cast<size_t>(cut - bufAt), false);
        buf.clear();
        buf.shrink_to_fit();
        for (;;) {
            const long long got = inflate();
            feed(chunk_.get(), static_cast<size_t>(got), got == 0);
            if (got == 0) break;
        }
        dictBytes = p.ctxt->dict ? xmlDictGetUsage(p.ctxt->dict) : 0;
        return true;
    }

private:
    static constexpr int kChunk = 64 << 10;
    static constexpr size_t kMaxHead = 4u << 20;  // a split read's head: the bytes before <sheetData>

    // One part's parser and what its callbacks met.
    struct Parse {
        Package& pkg;
        const std::string& name;
        Handler& h;
        std::exception_ptr thrown;  // from the handler, or a bound crossed
        long long textRun = 0;
        bool dtd = false, entity = false, fatal = false;
        int line = 0;
        std::string said;  // what libxml2 said to its generic handler (XmlQuiet)
        std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> ctxt{nullptr, &freeCtxt};

        Parse(Package& p, const std::string& n, Handler& handler) : pkg(p), name(n), h(handler) {
            xmlReady();
            xmlSAXHandler s;
            std::memset(&s, 0, sizeof s);
            s.initialized = XML_SAX2_MAGIC;
            s.startElementNs = &Parse::start;
            s.endElementNs = &Parse::end;
            s.characters = &Parse::characters;
            s.ignorableWhitespace = &Parse::characters;
            s.serror = &Parse::error;
            s.internalSubset = &Parse::doctype;
            // No getEntity / entityDecl: entities a DTD declares are never kept,
            // so never expanded or fetched (no XXE, no billion laughs).
            ctxt.reset(xmlCreatePushParserCtxt(&s, this, nullptr, 0, (pkg.path_ + "/" + name).c_str()));
            if (!ctxt) fail(pkg.path_, "cannot parse " + name, "không phân tích được " + name);
            xmlCtxtUseOptions(ctxt.get(), XML_PARSE_NONET);
        }
        // After each chunk: what stopped the parse, if anything.
        void check() {
            if (thrown) std::rethrow_exception(thrown);
            if (ctxt->wellFormed && !ctxt->disableSAX) return;
            const std::string& path = pkg.path_;
            if (entity)
                fail(path, name + " uses XML entities declared in a DTD, which .xlsx files never do: not read",
                     name + " dùng thực thể XML khai báo trong DTD, điều tệp .xlsx không bao giờ làm: không đọc");
            // Bytes the declared encoding cannot convert stop the parser with
            // no structured error, so no line: the parser's own position gives it.
            std::string encoding;
            bool badEncoding = !fatal && xmlBadEncoding(ctxt.get(), said, line, encoding);
            std::string en = line > 0 ? " (line " + std::to_string(line) + ")" : "", vi = line > 0 ? " (dòng " + std::to_string(line) + ")" : "";
            if (badEncoding) {
                en += ": bytes not valid in the encoding it declares" + (encoding.empty() ? "" : ", " + encoding);
                vi += ": có byte không hợp lệ trong bảng mã tệp khai báo" + (encoding.empty() ? "" : ", " + encoding);
            }
            fail(path, name + " is not well-formed XML" + en, name + " hỏng" + vi);
        }
        // Where the parse stands when every byte before a split's cut is fed.
        CutState cutState() const {
            CutState s;
            const xmlParserCtxt* c = ctxt.get();
            s.clean = c && !thrown && !dtd && !fatal && c->wellFormed && !c->disableSAX && c->instate == XML_PARSER_CONTENT && c->input &&
                      !(c->input->buf && c->input->buf->encoder);
            if (!s.clean) return s;
            // Only white space may wait unparsed (libxml2 holds text until it
            // sees what follows; an open comment, CDATA, PI or tag is held too).
            long long ws = 0;
            for (const xmlChar* q = c->input->cur; q && q < c->input->end; ++q, ++ws)
                if (*q != ' ' && *q != '\t' && *q != '\n' && *q != '\r') s.clean = false;
            if (addSat(textRun, ws) > kMaxTextRun) s.clean = false;
            s.pendingNodes = ws > 0 && textRun == 0 ? 1 : 0;
            s.dictBytes = c->dict ? xmlDictGetUsage(c->dict) : 0;
            return s;
        }
        void stop(std::exception_ptr e) {
            if (!thrown) thrown = e;
            xmlStopParser(ctxt.get());
        }
        bool counted() {
            if (thrown) return false;
            if (++pkg.nodes_ <= pkg.maxNodes_) return true;
            try {
                fail(pkg.path_, "more than " + grouped(pkg.maxNodes_, ',') + " XML nodes (limit of the reader for a file of this size)",
                     "quá " + grouped(pkg.maxNodes_, '.') + " nút XML (giới hạn của trình đọc với tệp cỡ này)");
            } catch (...) {
                stop(std::current_exception());
            }
            return false;
        }
        static void start(void* self, const xmlChar* local, const xmlChar*, const xmlChar*, int, const xmlChar**, int nAttrs, int,
                          const xmlChar** attrs) {
            auto* p = static_cast<Parse*>(self);
            p->textRun = 0;
            if (!p->counted()) return;
            try {
                p->h.start(reinterpret_cast<const char*>(local), Attrs{attrs, nAttrs});
            } catch (...) {
                p->stop(std::current_exception());
            }
        }
        static void end(void* self, const xmlChar* local, const xmlChar*, const xmlChar*) {
            auto* p = static_cast<Parse*>(self);
            p->textRun = 0;
            if (p->thrown) return;
            try {
                p->h.end(reinterpret_cast<const char*>(local));
            } catch (...) {
                p->stop(std::current_exception());
            }
        }
        // Text comes in pieces (libxml2 cuts at entities and its buffer's edge).
        static void characters(void* self, const xmlChar* ch, int len) {
            auto* p = static_cast<Parse*>(self);
            if (p->thrown) return;
            if (p->textRun == 0 && !p->counted()) return;
            p->textRun += len;
            try {
                if (p->textRun > kMaxTextRun)
                    fail(p->pkg.path_, p->name + " has more than " + grouped(kMaxTextRun, ',') + " bytes of text between two tags (limit of the reader)",
                         p->name + " có hơn " + grouped(kMaxTextRun, '.') + " byte văn bản giữa hai thẻ (giới hạn của trình đọc)");
                p->h.text(reinterpret_cast<const char*>(ch), static_cast<size_t>(len));
            } catch (...) {
                p->stop(std::current_exception());
            }
        }
        static void doctype(void* self, const xmlChar*, const xmlChar*, const xmlChar*) { static_cast<Parse*>(self)->dtd = true; }
        static void error(void* self, XmlErrorArg err) {
            auto* p = static_cast<Parse*>(self);
            if (!err || err->level < XML_ERR_ERROR) return;
            if (err->level == XML_ERR_FATAL ? !p->fatal : p->line == 0) p->line = err->line;
            if (err->level == XML_ERR_FATAL && !p->fatal && err->code == XML_ERR_UNDECLARED_ENTITY && p->dtd) p->entity = true;
            p->fatal = p->fatal || err->level == XML_ERR_FATAL;
        }
        // A DOCTYPE that declares entities makes libxml2 keep them in a
        // document of its own, which xmlFreeParserCtxt does not free.
        static void freeCtxt(xmlParserCtxtPtr c) {
            if (!c) return;
            if (c->myDoc) xmlFreeDoc(c->myDoc);
            c->myDoc = nullptr;
            xmlFreeParserCtxt(c);
        }
    };

    std::string path_;
    const std::string* bytes_ = nullptr;  // the package in memory, or null: the file at path_
    zip_t* z_ = nullptr;
    long long maxUnzipped_ = 0, maxNodes_ = 0, unzipped_ = 0, nodes_ = 0;
    std::unique_ptr<char[]> chunk_{new char[kChunk]};
};

// ---- The parts before the sheets.

// A relationship's target as a part's name in the zip: absolute in the package
// ("/xl/workbook.xml"), or relative to `folder` (the folder of the part the
// relationships belong to, "" or ending in '/'), "." and ".." steps resolved.
std::string partName(const std::string& folder, std::string_view target) {
    std::vector<std::string_view> steps;
    auto walk = [&](std::string_view path) {
        while (!path.empty()) {
            const size_t slash = path.find('/');
            std::string_view step = path.substr(0, slash);
            path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
            if (step.empty() || step == ".") continue;
            if (step == "..") {
                if (!steps.empty()) steps.pop_back();
            } else {
                steps.push_back(step);
            }
        }
    };
    if (target.empty() || target[0] != '/') walk(folder);
    walk(target);
    std::string out;
    for (std::string_view step : steps) (out += out.empty() ? "" : "/") += step;
    return out;
}

// The folder of a part ("xl/workbook.xml" -> "xl/"), and where its relationships are
// ("xl/_rels/workbook.xml.rels"), as Open Packaging Conventions place them.
std::string folderOf(const std::string& part) {
    const size_t slash = part.rfind('/');
    return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}
std::string relationsOf(const std::string& part) {
    return folderOf(part) + "_rels/" + part.substr(folderOf(part).size()) + ".rels";
}

// A relationship's type ends with its kind: ".../relationships/styles" in both the
// transitional and the strict (purl.oclc.org) vocabularies of ECMA-376.
bool typeIs(std::string_view type, std::string_view kind) {
    return type.size() > kind.size() && type.substr(type.size() - kind.size()) == kind &&
           type[type.size() - kind.size() - 1] == '/';
}

// _rels/.rels: where the workbook is. Excel and LibreOffice write xl/workbook.xml;
// the package's own relationship says so for every producer.
struct PackageRelations : Handler {
    std::string workbook = "xl/workbook.xml";
    bool found = false;

    void start(std::string_view local, const Attrs& a) override {
        if (found || local != "Relationship" || !typeIs(a.raw("Type"), "officeDocument")) return;
        std::string target = partName("", a.text("Target"));
        if (target.empty()) return;
        workbook = target;
        found = true;
    }
    void end(std::string_view) override {}
    void text(const char*, size_t) override {}
};

// The workbook's relationships (xl/_rels/workbook.xml.rels): relation id -> part,
// and the shared strings' and styles' parts.
struct Relations : Handler {
    const std::string folder;  // the workbook's: targets are relative to it
    std::map<std::string, std::string> parts;
    std::string sharedStrings = folder + "sharedStrings.xml", styles = folder + "styles.xml";

    explicit Relations(std::string workbookFolder) : folder(std::move(workbookFolder)) {}
    void start(std::string_view local, const Attrs& a) override {
        if (local != "Relationship" || parts.size() >= kMaxSheets * 4) return;
        std::string target = a.text("Target");
        if (target.empty() || a.raw("TargetMode") == "External") return;
        target = partName(folder, target);
        std::string_view type = a.raw("Type");
        if (typeIs(type, "sharedStrings")) sharedStrings = target;
        else if (typeIs(type, "styles")) styles = target;
        parts[a.text("Id")] = target;
    }
    void end(std::string_view) override {}
    void text(const char*, size_t) override {}
};

// xl/workbook.xml: the sheets in order, named ranges, the 1904 date system.
struct WorkbookPart : Handler {
    const std::string& path;
    struct SheetRef { std::string name, id; };
    std::vector<SheetRef> sheets;
    std::vector<std::pair<std::string, std::string>> names;  // name, range as written
    bool date1904 = false, inName = false;

    explicit WorkbookPart(const std::string& p) : path(p) {}
    void start(std::string_view local, const Attrs& a) override {
        if (local == "sheet") {
            if (sheets.size() >= kMaxSheets) fail(path, "more than 10,000 sheets (Calc's limit)", "quá 10.000 trang tính (giới hạn của Calc)");
            sheets.push_back({a.text("name"), a.text("id")});  // r:id: the only "id" a <sheet> has
        } else if (local == "workbookPr") {
            date1904 = truthy(a.raw("date1904"));
        } else if (local == "definedName" && names.size() < kMaxFormats) {
            names.emplace_back(a.text("name"), std::string());
            inName = true;
        }
    }
    void end(std::string_view local) override {
        if (local == "definedName") inName = false;
    }
    void text(const char* p, size_t n) override {
        if (inName && names.back().second.size() + n <= 4096) names.back().second.append(p, n);
    }
};

// An ECMA-376 string (ST_Xstring) as LibreOffice 7.4 reads a cell's text:
// "_xHHHH_" stands for a control character (below U+0020, e.g. _x000D_ for CR)
// or, _x005F_, for the '_' that keeps the next "_x…_" literal; any other
// "_xHHHH_" stays as written. Then CR LF becomes LF (Excel writes "_x000D_" and
// a raw LF, openpyxl "&#13;" and LF), as in Calc's cell text; a lone CR stays.
// Decodes s[from..] in place (the text only shrinks).
void decodeXstring(std::string& s, size_t from) {
    if (s.find("_x", from) == std::string::npos && s.find('\r', from) == std::string::npos) return;
    auto hex = [](char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    };
    size_t out = from;
    for (size_t i = from; i < s.size();) {
        if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
            int v = 0;
            bool ok = true;
            for (size_t k = i + 2; k < i + 6 && ok; ++k) {
                const int h = hex(s[k]);
                ok = h >= 0;
                v = v * 16 + h;
            }
            if (ok && (v < 0x20 || v == 0x5F)) {
                s[out++] = static_cast<char>(v);
                i += 7;
                continue;
            }
        }
        s[out++] = s[i++];
    }
    s.resize(out);
    // CR LF -> LF
    out = from;
    for (size_t i = from; i < s.size(); ++i)
        if (!(s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')) s[out++] = s[i];
    s.resize(out);
}

// xl/sharedStrings.xml: every <si>'s text (its <t>, or its runs' <t>s; not
// the phonetic reading aids <rPh>), kept side by side in one pool.
struct SharedStrings : Handler {
    const std::string& path;
    std::string pool;  // while reading
    // Then the pool, shared with the sheets whose cells point into it (Sheet::setShared):
    // a million distinct labels are kept once, not once more in each sheet.
    std::shared_ptr<const std::string> texts;
    std::vector<uint32_t> ends;  // where string i ends in the pool (pool <= 64 MiB)
    int phonetic = 0;
    bool inSi = false, inT = false;

    explicit SharedStrings(const std::string& p) : path(p) {}
    // After reading: the pool, without its growing room, becomes `texts`.
    void done() {
        pool.shrink_to_fit();
        ends.shrink_to_fit();
        texts = std::make_shared<const std::string>(std::move(pool));
    }
    size_t begin(size_t i) const { return i == 0 ? 0 : ends[i - 1]; }
    std::string_view at(size_t i) const { return std::string_view(*texts).substr(begin(i), ends[i] - begin(i)); }
    void start(std::string_view local, const Attrs&) override {
        if (local == "si") {
            if (ends.size() >= kMaxStrings)
                fail(path, "more than " + grouped(kMaxStrings, ',') + " shared strings (limit of the reader)",
                     "quá " + grouped(kMaxStrings, '.') + " chuỗi dùng chung (giới hạn của trình đọc)");
            inSi = true;
            phonetic = 0;
        } else if (local == "rPh") {
            ++phonetic;
        } else if (local == "t") {
            inT = inSi && phonetic == 0;
        }
    }
    void end(std::string_view local) override {
        if (local == "si") {
            decodeXstring(pool, ends.empty() ? 0 : ends.back());
            ends.push_back(static_cast<uint32_t>(pool.size()));
            inSi = false;
        } else if (local == "rPh") {
            --phonetic;
        } else if (local == "t") {
            inT = false;
        }
    }
    void text(const char* p, size_t n) override {
        if (!inT) return;
        if (pool.size() + n > static_cast<size_t>(kMaxTextBytes))
            fail(path, "the shared strings hold more than " + mib(kMaxTextBytes) + " of text (limit of the reader)",
                 "các chuỗi dùng chung chứa hơn " + mib(kMaxTextBytes) + " văn bản (giới hạn của trình đọc)");
        pool.append(p, n);
    }
};

// xl/styles.xml: only what decides the decimals a number shows — the number
// format codes (<numFmts>) and the cell formats (<cellXfs>) that point at them.
struct Styles : Handler {
    const std::string& path;
    std::unordered_map<long long, int> customDecimals;  // numFmtId -> decimals of its code
    std::unordered_map<long long, bool> customDate;     // numFmtId -> its code shows a date
    std::unordered_map<long long, bool> customGeneral;  // numFmtId -> its code is General
    std::vector<int> xfDecimals;                          // cell format -> decimals
    std::vector<bool> xfDate;                             // cell format -> a date format
    bool inNumFmts = false, inCellXfs = false;

    explicit Styles(const std::string& p) : path(p) {}
    std::vector<bool> xfGeneral;                          // cell format -> General (Calc infers a formula's)
    int decimals(long long xf) const { return xf >= 0 && static_cast<size_t>(xf) < xfDecimals.size() ? xfDecimals[xf] : -1; }
    bool general(long long xf) const { return xf < 0 || static_cast<size_t>(xf) >= xfGeneral.size() || xfGeneral[xf]; }
    bool date(long long xf) const { return xf >= 0 && static_cast<size_t>(xf) < xfDate.size() && xfDate[xf]; }

    void start(std::string_view local, const Attrs& a) override {
        if (local == "numFmts") inNumFmts = true;
        else if (local == "cellXfs") inCellXfs = true;
        else if (local == "numFmt" && inNumFmts) {
            bound(customDecimals.size());
            const long long id = number(a.raw("numFmtId"));
            const std::string code = a.text("formatCode");
            customDecimals[id] = decimalsOfFormatCode(code);
            customDate[id] = isDateFormatCode(code);
            customGeneral[id] = code == "General" || code == "GENERAL" || code == "general";
        } else if (local == "xf" && inCellXfs) {
            bound(xfDecimals.size());
            long long id = number(a.raw("numFmtId"));
            auto custom = customDecimals.find(id);
            xfDecimals.push_back(custom != customDecimals.end() ? custom->second : builtinDecimals(id < 0 ? 0 : id));
            auto date = customDate.find(id);
            xfDate.push_back(date != customDate.end() ? date->second : builtinDate(id));
            auto general = customGeneral.find(id);
            xfGeneral.push_back(general != customGeneral.end() ? general->second : id <= 0);
        }
    }
    void end(std::string_view local) override {
        if (local == "numFmts") inNumFmts = false;
        else if (local == "cellXfs") inCellXfs = false;
    }
    void text(const char*, size_t) override {}

private:
    void bound(size_t n) const {
        if (n >= kMaxFormats) fail(path, "too many styles (limit of the reader)", "quá nhiều kiểu định dạng (giới hạn của trình đọc)");
    }
    // Excel's built-in number formats (ECMA-376 18.8.30) that show decimals.
    static int builtinDecimals(long long id) {
        switch (id) {
            case 1: case 3: case 9: case 37: case 38: case 42: return 0;
            case 2: case 4: case 10: case 39: case 40: case 43: case 44: return 2;
            // Currencies, which Calc reads as its locale's currency format.
            case 5: case 6: return 0;
            case 7: case 8: return 2;
            // Thai numbers, currencies and percentages (LibreOffice 7.4 on xlsxwriter's files).
            case 59: case 61: case 63: case 64: case 67: return 0;
            case 60: case 62: case 65: case 66: case 68: return 2;
            // 41 is "_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)" to LibreOffice: its
            // zero section has no digits, so the format shows no decimals (see decimalsOfFormatCode).
            default: return -1;  // General, dates, times, text
        }
    }
    // Its built-in formats that show a date (ECMA-376 18.8.30: 14–17, 22; 27–36 and 50–58 are
    // East Asian dates); times alone (18–21, 45–47) are not dates.
    static bool builtinDate(long long id) {
        return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
    }
};

// ---- The cells.


// A formula's text result that is one of Calc's error values is an error.
bool looksLikeError(std::string_view t) {
    static const char* errs[] = {"#VALUE!", "#DIV/0!", "#REF!", "#NAME?", "#N/A", "#NUM!", "#NULL!", "Err:"};
    for (const char* e : errs)
        if (t.substr(0, std::strlen(e)) == e) return true;
    return false;
}

// "B7" -> row 6, col 1; false when it is not a cell reference within Calc's bounds.
bool cellRef(std::string_view r, long long& row, long long& col) {
    size_t i = 0;
    long long c = 0, n = 0;
    while (i < r.size() && r[i] >= 'A' && r[i] <= 'Z' && i < 4) c = c * 26 + (r[i++] - 'A' + 1);
    size_t digits = i;
    while (i < r.size() && r[i] >= '0' && r[i] <= '9' && i - digits < 8) n = n * 10 + (r[i++] - '0');
    if (i != r.size() || digits == 0 || i == digits || n == 0) return false;
    row = n - 1;
    col = c - 1;
    return true;
}

// A column's format (<cols><col>).
struct ColFormat {
    long long lo, hi, xf;
    bool operator==(const ColFormat& o) const { return lo == o.lo && hi == o.hi && xf == o.xf; }
};

// One worksheet part, straight into its Sheet.
class SheetPart : public Handler {
public:
    // Formula cells saved without a result, over all sheets: formula_results.h.
    using Uncached = PendingFormulas;

    SheetPart(const std::string& path, Sheet& sheet, const SharedStrings& sst, const Styles& styles, long long& storage, long long& textBytes,
              long long originDays, Uncached& uncached)
        : path_(path), sheet_(sheet), sst_(sst), styles_(styles), storage_(storage), textBytes_(textBytes), originDays_(originDays),
          uncached_(uncached) {}

    void start(std::string_view local, const Attrs& a) override {
        ++depth_;
        switch (local.size()) {
            case 1:
                if (local[0] == 'c') return cellStart(a);
                if (local[0] == 'v' || (local[0] == 't' && inIs_ && phonetic_ == 0)) collect_ = true;
                if (local[0] == 'v') hasValue_ = true;
                else if (local[0] == 'f') formula_ = inFormula_ = true, formulaShared_ = !a.raw("t").empty() && a.raw("t") != "normal";
                return;
            case 2:
                if (local == "is") inIs_ = true;
                return;
            case 3:
                if (local == "row") return rowStart(a);
                if (local == "col") return colStart(a);
                if (local == "rPh") ++phonetic_;
                return;
            case 9:
                if (local == "sheetData" && sheetDataStarts_++ == 0) sheetDataInner_ = depth_;
                return;
        }
    }
    void end(std::string_view local) override {
        if (--depth_ < sheetDataInner_) sheetDataInner_ = kClosed;
        switch (local.size()) {
            case 1:
                if (local[0] == 'c') cellEnd();
                else if (local[0] == 'v' || local[0] == 't') collect_ = false;
                else if (local[0] == 'f') inFormula_ = false;
                return;
            case 2:
                if (local == "is") inIs_ = false;
                return;
            case 3:
                if (local == "rPh") --phonetic_;
                return;
        }
    }
    void text(const char* p, size_t n) override {
        if (collect_) value_.append(p, n);
        // A formula's text, kept only while it may be one without a result.
        else if (inFormula_ && formulaText_.size() + n <= PendingFormulas::kMaxFormulaChars + 1) formulaText_.append(p, n);
    }

    // ---- A split read (see "Two halves").
    // Right inside the part's one <sheetData> so far, no row or cell open:
    // where the second half's parse begins, and where the first half must
    // stand at the cut.
    bool insideSheetData() const { return sheetDataStarts_ == 1 && sheetDataInner_ == depth_; }
    const std::vector<ColFormat>& cols() const { return cols_; }
    // This part is a second half: its first row is the sheet's row 0, every
    // row must give its number, and no cell may lie above the first row.
    void readSecondHalf() { secondHalf_ = true; }
    long long firstRow() const { return rowBase_; }

private:
    enum class Type { Number, Shared, FormulaText, Boolean, Error, Inline, Date };

    void rowStart(const Attrs& a) {
        long long r = number(a.raw("r"));
        if (secondHalf_) {
            if (r <= 0 || r > kMaxRows) throw Abandon();
            if (rowBase_ < 0) rowBase_ = r - 1;
        }
        row_ = r > 0 ? r - 1 : row_ + 1;
        col_ = -1;
        rowXf_ = truthy(a.raw("customFormat")) ? number(a.raw("s")) : -1;
    }
    // <cols><col min max style>: the format of cells that give none of their own.
    void colStart(const Attrs& a) {
        long long xf = number(a.raw("style")), lo = number(a.raw("min")), hi = number(a.raw("max"));
        if (xf < 0 || lo < 1 || hi < lo) return;
        if (cols_.size() >= kMaxFormats) fail(path_, "too many column formats (limit of the reader)", "quá nhiều định dạng cột (giới hạn của trình đọc)");
        cols_.push_back({lo - 1, hi - 1, xf});
    }
    void cellStart(const Attrs& a) {
        value_.clear();
        formulaText_.clear();
        formula_ = collect_ = inIs_ = hasValue_ = inFormula_ = formulaShared_ = false;
        phonetic_ = 0;
        std::string_view r = a.raw("r");
        if (r.empty()) {
            ++col_;
        } else if (!cellRef(r, cellRow_, col_)) {
            fail(path_, "cell outside Calc's 1,048,576 rows x 16,384 columns (" + std::string(r.substr(0, 16)) + ")",
                 "ô nằm ngoài giới hạn của Calc (" + std::string(r.substr(0, 16)) + ")");
        }
        if (r.empty()) cellRow_ = row_;
        std::string_view t = a.raw("t");
        type_ = t.empty() || t == "n" ? Type::Number
              : t == "s"              ? Type::Shared
              : t == "str"            ? Type::FormulaText
              : t == "b"              ? Type::Boolean
              : t == "e"              ? Type::Error
              : t == "inlineStr"      ? Type::Inline
              : t == "d"              ? Type::Date
                                      : Type::Number;
        xf_ = number(a.raw("s"));
    }
    void cellEnd() {
        collect_ = false;
        // A formula with no <v> (openpyxl writes them so), or an empty one where a
        // number belongs: Calc computes it on opening; so does formula_results
        // once every sheet is read, where it can, and the note says the rest.
        if (formula_ && (!hasValue_ || (value_.empty() && type_ != Type::FormulaText && type_ != Type::Shared))) {
            PendingFormula f;
            f.sheet = sheet_.name();
            f.row = static_cast<int>(std::clamp<long long>(cellRow_, 0, kMaxRows - 1));
            f.col = static_cast<int>(std::clamp<long long>(col_, 0, kMaxCols - 1));
            // A shared or array formula's other cells hold no text, and a cell
            // outside Calc's bounds is none Calc has: not computed.
            if (!formulaShared_ && cellRow_ >= 0 && cellRow_ < kMaxRows && col_ >= 0 && col_ < kMaxCols) f.text = std::move(formulaText_);
            const long long xf = format(f.col);
            f.decimals = styles_.decimals(xf);
            f.date = styles_.date(xf);
            f.general = styles_.general(xf);
            uncached_.add(std::move(f));
        }
        if (value_.empty()) return;  // no value: an empty cell, formatted or not
        long long row = cellRow_, col = col_;
        if (row < 0 || col < 0 || row >= kMaxRows || col >= kMaxCols)
            fail(path_, "cell outside Calc's 1,048,576 rows x 16,384 columns", "ô nằm ngoài giới hạn của Calc");
        switch (type_) {
            case Type::Number: {
                double v;
                auto res = std::from_chars(value_.data(), value_.data() + value_.size(), v);
                if (res.ec != std::errc() || res.ptr != value_.data() + value_.size()) return;  // not a number: nothing, as orcus did
                const long long xf = format(col);
                return keep(row, col, styles_.date(xf) ? Cell::makeDate(v) : Cell::makeNumber(v, styles_.decimals(xf)), 0);
            }
            case Type::Boolean:
                return keep(row, col, Cell::makeNumber(value_ == "1" || value_ == "true" ? 1 : 0, decimals(col)), 0);
            case Type::Shared: {
                long long i = number(value_);
                if (i < 0 || static_cast<size_t>(i) >= sst_.ends.size())
                    fail(path_, "a cell refers to a missing shared string", "ô trỏ tới chuỗi dùng chung không có");
                std::string_view s = sst_.at(static_cast<size_t>(i));
                if (s.empty()) return;  // Calc keeps no empty text cell
                return keepShared(row, col, sst_.begin(static_cast<size_t>(i)), s);
            }
            case Type::Inline:
                decodeXstring(value_, 0);
                if (value_.empty()) return;
                return keep(row, col, Cell::makeText(value_), value_.size());
            case Type::FormulaText:
            case Type::Error:
                return keep(row, col, looksLikeError(value_) ? Cell::makeError(value_) : Cell::makeText(value_), value_.size());
            case Type::Date:
                return date(row, col);
        }
    }
    // t="d": an ISO 8601 date and time, kept as Calc keeps dates: serial days
    // from the null date, whole seconds (LibreOffice 7.4 drops a fraction). A
    // value that is no date ("08:30:00", a time alone) is text, as there.
    void date(long long row, long long col) {
        int y = 0, m = 0, d = 0, h = 0, mi = 0, sec = 0;
        if (std::sscanf(value_.c_str(), "%d-%d-%dT%d:%d:%d", &y, &m, &d, &h, &mi, &sec) < 3 || m < 1 || m > 12 || d < 1 ||
            d > 31 || y < -10000 || y > 10000)
            return keep(row, col, Cell::makeText(value_), value_.size());
        double days = static_cast<double>(daysFromCivil(y, m, d) - originDays_) + (h * 3600.0 + mi * 60.0 + sec) / 86400.0;
        keep(row, col, Cell::makeDate(days), 0);
    }
    // The cell's own format, else its row's, else its column's, else the default (as LibreOffice's import).
    long long format(long long col) const {
        long long xf = xf_;
        if (xf < 0) xf = rowXf_;
        for (auto it = cols_.rbegin(); xf < 0 && it != cols_.rend(); ++it)
            if (col >= it->lo && col <= it->hi) xf = it->xf;
        return xf < 0 ? 0 : xf;
    }
    int decimals(long long col) const { return styles_.decimals(format(col)); }
    void keep(long long row, long long col, Cell cell, size_t text) {
        row -= rowBase_ < 0 ? 0 : rowBase_;
        if (row < 0) throw Abandon();  // a second half's cell above its first row
        count(row, col, text);
        sheet_.set(static_cast<int>(row), static_cast<int>(col), std::move(cell));
    }
    // A shared string: the cell points into the pool, else (never for a pool
    // under 4 GiB) keeps a copy. Counted in full as any text: checks copy it out.
    void keepShared(long long row, long long col, size_t at, std::string_view s) {
        row -= rowBase_ < 0 ? 0 : rowBase_;
        if (row < 0) throw Abandon();
        count(row, col, s.size());
        if (!sheet_.setShared(static_cast<int>(row), static_cast<int>(col), sst_.texts, at, s.size()))
            sheet_.set(static_cast<int>(row), static_cast<int>(col), Cell::makeText(std::string(s)));
    }
    // What the Sheet allocates for this cell, counted before it is stored.
    void count(long long row, long long col, size_t text) {
        long long grow = 0;
        if (row >= sheet_.rows()) grow += (row + 1 - sheet_.rows()) * Sheet::kRowBytes;
        if (col + 1 > sheet_.width(static_cast<int>(row))) grow += (col + 1 - sheet_.width(static_cast<int>(row))) * Sheet::kSlotBytes;
        storage_ = addSat(storage_, grow);
        if (storage_ > kMaxCellBytes)
            fail(path_, "more than " + grouped(kMaxCells, ',') +
                            " cells to keep (limit of the reader; empty cells before a value and empty rows before a row with values count too)",
                 "quá " + grouped(kMaxCells, '.') + " ô phải giữ (giới hạn của trình đọc; tính cả ô trống trước một giá trị và dòng trống trước một dòng có giá trị)");
        textBytes_ = addSat(textBytes_, static_cast<long long>(text));
        if (textBytes_ > kMaxTextBytes)
            fail(path_, "the cells hold more than " + mib(kMaxTextBytes) + " of text (limit of the reader)",
                 "các ô chứa hơn " + mib(kMaxTextBytes) + " văn bản (giới hạn của trình đọc)");
    }

    const std::string& path_;
    Sheet& sheet_;
    const SharedStrings& sst_;
    const Styles& styles_;
    long long& storage_;
    long long& textBytes_;
    long long originDays_;
    std::vector<ColFormat> cols_;
    static constexpr int kClosed = 1 << 30;
    int depth_ = 0, sheetDataStarts_ = 0, sheetDataInner_ = kClosed;  // elements open; inside <sheetData> at depth_ == sheetDataInner_
    bool secondHalf_ = false;
    long long rowBase_ = -1;  // a second half's first row, stored as its sheet's row 0
    long long row_ = -1, col_ = -1, cellRow_ = 0, rowXf_ = -1, xf_ = -1;
    Type type_ = Type::Number;
    std::string value_;
    Uncached& uncached_;
    bool formula_ = false, collect_ = false, inIs_ = false, hasValue_ = false, inFormula_ = false, formulaShared_ = false;
    std::string formulaText_;
    int phonetic_ = 0;
};

// ---- Two halves (issue 11, as the .ods reader's content.xml: docs/READERS.md,
// "Two halves"). Parsing a large worksheet part is most of reading a large
// .xlsx. So a second thread opens the package again, checks that the part is
// the same entry, feeds its own parser the part's head (up to the first
// <sheetData> start tag: the same declaration, namespaces and column
// formats), skips to splitAt of the part, and feeds from the first row start
// tag it finds there to the end, into a Sheet of its own. The first thread
// parses up to that byte and keeps the second half only when its own parse
// stands exactly where the second one began: libxml2 in content with nothing
// but white space pending, inside that same one <sheetData> with no row or
// cell open, the same column formats; the second half read to the end with no
// error or bound, every row numbered, all below the first half's; both
// together within every bound. Any doubt, and the first thread parses on
// alone: every cell, note and message is a single parse's.

// What the second half read.
struct SheetHalf {
    Sheet sheet;                  // its rows, from its first row on
    SheetPart::Uncached uncached;  // its formulas without a result
    long long storage = 0, textBytes = 0;
    long long firstRow = -1;      // its first row (sheet's row 0)
    long long nodes = 0;          // XML nodes from the cut on
    long long unzipped = 0;       // the package's bytes unzipped at its end
    size_t dictBytes = 0;         // its parser's names
    std::vector<ColFormat> cols;  // the column formats at the head's end
};

struct SheetSplit {
    // Set before the thread starts, then only read.
    std::string path, part, sheetName;
    const std::string* bytes = nullptr;
    zip_stat_t entry{};
    long long target = 0, maxUnzipped = 0, maxNodes = 0, unzippedBefore = 0, nodesBefore = 0, originDays = 0;
    const SharedStrings* sst = nullptr;
    const Styles* styles = nullptr;

    std::mutex m;
    std::condition_variable cv;
    // Guarded by m.
    long long cut = kUndecided;
    enum class State { Running, Failed, Done } state = State::Running;
    std::unique_ptr<SheetHalf> result;
    std::atomic<bool> cancel{false};
    std::thread thread;

    static constexpr long long kUndecided = -1, kNone = -2;
    static constexpr long long kMaxSeek = 4LL << 20;  // how far past the target a row start is looked for

    ~SheetSplit() { stop(); }
    void stop() {
        cancel = true;
        if (thread.joinable()) thread.join();
    }
};

void secondHalf(SheetSplit& s) {
    std::unique_ptr<SheetHalf> h;
    bool decided = false;
    try {
        std::unique_ptr<Package> pkg = s.bytes ? std::make_unique<Package>(*s.bytes, s.path) : std::make_unique<Package>(s.path);
        pkg->continueFrom(s.maxUnzipped, s.maxNodes, s.unzippedBefore, s.nodesBefore);
        auto half = std::make_unique<SheetHalf>();
        half->sheet = Sheet(s.sheetName);
        SheetPart cells(s.path, half->sheet, *s.sst, *s.styles, half->storage, half->textBytes, s.originDays, half->uncached);
        cells.readSecondHalf();
        long long headNodes = 0;
        auto decide = [&](long long cut) {
            {
                std::lock_guard<std::mutex> lock(s.m);
                s.cut = cut >= 0 ? cut : SheetSplit::kNone;
                decided = true;
            }
            s.cv.notify_all();
        };
        auto headOk = [&] {
            half->cols = cells.cols();
            return cells.insideSheetData();
        };
        if (!pkg->parseHalf(s.part, cells, s.entry, s.target, SheetSplit::kMaxSeek, s.cancel, decide, headOk, headNodes, half->dictBytes) ||
            cells.firstRow() < 0)
            throw Abandon();
        half->firstRow = cells.firstRow();
        half->nodes = pkg->nodes() - headNodes;
        half->unzipped = pkg->unzipped();
        h = std::move(half);
    } catch (...) {
        // Abandon, a ReadError, memory: the first half reads on alone, and meets any error itself.
        h.reset();
    }
    {
        std::lock_guard<std::mutex> lock(s.m);
        if (!decided) s.cut = SheetSplit::kNone;
        s.result = std::move(h);
        s.state = s.result ? SheetSplit::State::Done : SheetSplit::State::Failed;
    }
    s.cv.notify_all();
}

// The first half's side of a split read of one worksheet part.
class SheetCutter : public Cutter {
public:
    SheetCutter(SheetSplit& s, SheetPart& cells, Sheet& sheet, long long& storage, long long& textBytes, SheetPart::Uncached& uncached)
        : s_(s), cells_(cells), sheet_(sheet), storage_(storage), textBytes_(textBytes), uncached_(uncached) {}
    long long target() const override { return s_.target; }
    long long decide() override {
        std::unique_lock<std::mutex> lock(s_.m);
        s_.cv.wait(lock, [&] { return s_.cut != SheetSplit::kUndecided; });
        return s_.cut >= 0 ? s_.cut : -1;
    }
    void abandon() override { s_.cancel = true; }
    bool adopt(const CutState& st, Package& pkg) override {
        if (!st.clean || !cells_.insideSheetData()) return false;
        std::unique_ptr<SheetHalf> h;
        {
            std::unique_lock<std::mutex> lock(s_.m);
            s_.cv.wait(lock, [&] { return s_.state != SheetSplit::State::Running; });
            h = std::move(s_.result);
        }
        if (!h || !(h->cols == cells_.cols()) || h->firstRow < sheet_.rows()) return false;
        // libxml2 bounds the names one parse keeps (10,000,000 bytes of
        // dictionary): two parsers could each stay under a bound that one
        // would pass. Real files hold a few kilobytes.
        constexpr size_t kMaxDictBytes = 1 << 20;
        if (st.dictBytes + h->dictBytes > kMaxDictBytes) return false;
        // Counted as one parse counts: the empty rows between the halves are new rows too.
        const long long storage =
            h->sheet.rows() > 0 ? addSat(storage_, addSat(h->storage, mulSat(h->firstRow - sheet_.rows(), Sheet::kRowBytes))) : addSat(storage_, h->storage);
        const long long text = addSat(textBytes_, h->textBytes);
        const long long nodes = addSat(st.pendingNodes, h->nodes);
        if (storage > kMaxCellBytes || text > kMaxTextBytes || !pkg.nodesWithin(nodes)) return false;
        if (!sheet_.appendRows(std::move(h->sheet), static_cast<int>(h->firstRow))) return false;
        storage_ = storage;
        textBytes_ = text;
        uncached_.append(std::move(h->uncached));
        pkg.handedOver(nodes, h->unzipped);
        used_ = true;
        return true;
    }
    bool used() const { return used_; }

private:
    SheetSplit& s_;
    SheetPart& cells_;
    Sheet& sheet_;
    long long& storage_;
    long long& textBytes_;
    SheetPart::Uncached& uncached_;
    bool used_ = false;
};

// A second thread for a worksheet part's second half, when the part is large enough; null otherwise.
std::unique_ptr<SheetSplit> startSplit(Package& pkg, const std::string& path, const std::string& part, const std::string& sheetName,
                                       const SharedStrings& sst, const Styles& styles, long long originDays, const XlsxReadOptions& options) {
    zip_stat_t st;
    constexpr zip_uint64_t kNeeded = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC | ZIP_STAT_COMP_METHOD;
    if (options.splitMinBytes < 0 || part.empty() || !pkg.statPart(part, st) || (st.valid & kNeeded) != kNeeded || st.size == 0 ||
        static_cast<long long>(std::min<zip_uint64_t>(st.size, kFar)) < options.splitMinBytes ||
        ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE))
        return nullptr;
    auto s = std::make_unique<SheetSplit>();
    s->path = path;
    s->part = part;
    s->sheetName = sheetName;
    s->bytes = pkg.bytes();
    s->entry = st;
    const double at = std::clamp(options.splitAt, 0.0, 1.0);
    s->target = static_cast<long long>(at * static_cast<double>(std::min<zip_uint64_t>(st.size, kFar)));
    s->maxUnzipped = pkg.maxUnzipped();
    s->maxNodes = pkg.maxNodes();
    s->unzippedBefore = pkg.unzipped();
    s->nodesBefore = pkg.nodes();
    s->originDays = originDays;
    s->sst = &sst;
    s->styles = &styles;
    try {
        s->thread = std::thread(secondHalf, std::ref(*s));
    } catch (const std::system_error&) {
        return nullptr;  // no thread to be had: one parse
    }
    return s;
}

// The parts in order, from an open package.
Workbook readParts(Package& pkg, const std::string& path, const XlsxReadOptions& options, XlsxReadStats* stats) {
    PackageRelations root;
    pkg.parse("_rels/.rels", root, kMaxSideEntryBytes, false);
    Relations rels(folderOf(root.workbook));
    pkg.parse(relationsOf(root.workbook), rels, kMaxSideEntryBytes, false);
    WorkbookPart book(path);
    pkg.parse(root.workbook, book, kMaxSideEntryBytes, true);
    SharedStrings sst(path);
    pkg.parse(rels.sharedStrings, sst, kFar, false);
    sst.done();
    Styles styles(path);
    pkg.parse(rels.styles, styles, kMaxSideEntryBytes, false);

    Workbook wb;
    wb.path = path;
    long long storage = 0, textBytes = 0;
    SheetPart::Uncached uncached;
    const long long origin = book.date1904 ? daysFromCivil(1904, 1, 1) : daysFromCivil(1899, 12, 30);
    for (const auto& ref : book.sheets) {
        Sheet& sheet = wb.addSheet(ref.name);
        auto part = rels.parts.find(ref.id);
        if (part == rels.parts.end()) continue;  // no part: an empty sheet, as it shows
        SheetPart cells(path, sheet, sst, styles, storage, textBytes, origin, uncached);
        std::unique_ptr<SheetSplit> split = startSplit(pkg, path, part->second, ref.name, sst, styles, origin, options);
        if (!split) {
            pkg.parse(part->second, cells, kFar, false);
            continue;
        }
        SheetCutter cutter(*split, cells, sheet, storage, textBytes, uncached);
        pkg.parse(part->second, cells, kFar, false, &cutter);
        split->stop();
        if (stats) {
            stats->splitTried = true;
            stats->splitUsed = stats->splitUsed || cutter.used();
            std::lock_guard<std::mutex> lock(split->m);
            if (split->cut >= 0) stats->cut = split->cut;
        }
    }
    for (const auto& [name, range] : book.names) {
        Area a;
        if (!name.empty() && parseNamedRange(range, a)) wb.names.emplace(name, a);
    }
    computeFormulaResults(wb, uncached, origin);
    return wb;
}

}  // namespace

Workbook readXlsx(const std::string& path) { return readXlsx(path, XlsxReadOptions()); }

Workbook readXlsxMemory(const std::string& bytes, const std::string& name) { return readXlsxMemory(bytes, name, XlsxReadOptions()); }

Workbook readXlsx(const std::string& path, const XlsxReadOptions& options, XlsxReadStats* stats) {
    try {
        Package pkg(path);
        return readParts(pkg, path, options, stats);
    } catch (const ReadError&) {
        throw;
    } catch (const std::bad_alloc&) {
        fail(path, "out of memory while reading", "hết bộ nhớ khi đọc");
    }
}

Workbook readXlsxMemory(const std::string& bytes, const std::string& name, const XlsxReadOptions& options, XlsxReadStats* stats) {
    try {
        Package pkg(bytes, name);
        return readParts(pkg, name, options, stats);
    } catch (const ReadError&) {
        throw;
    } catch (const std::bad_alloc&) {
        fail(name, "out of memory while reading", "hết bộ nhớ khi đọc");
    }
}

}  // namespace reportcheck
