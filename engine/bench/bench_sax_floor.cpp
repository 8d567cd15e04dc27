// The floor under the readers' hot path (issue 11): the same streaming the
// readers do — libzip inflates one entry a chunk at a time — with a parser whose
// callbacks do nothing, so a reader's own cost is its time minus this.
//   reportcheck_bench_sax_floor MODE FILE ENTRY [CHUNK_KIB]   (chunk: 64 KiB, the readers', by default)
// MODE: inflate    - inflate the entry, nothing else
//       libxml2    - libxml2's SAX2 push parser (xmlParseChunk), the readers' parser,
//                    with the readers' options and empty callbacks
//       libxml2-sax1 - the same parser with SAX1 callbacks (names as written, no
//                    namespace processing), to see what SAX2's namespaces cost
//       libxml2-pull, libxml2-pull-sax1 - the same two, but libxml2 pulls the
//                    chunks itself (xmlCreateIOParserCtxt + xmlParseDocument)
//                    instead of being pushed them (xmlParseChunk)
//       expat      - expat's push interface (XML_Parse per chunk), empty callbacks,
//                    namespaces resolved (as libxml2's SAX2 resolves them)
//       expat-nons - the same without namespace processing (names as written)
//       orcus      - orcus's sax_parser (names as written, as SAX1), empty callbacks;
//                    it takes only a whole document, so the entry is inflated
//                    into one buffer first (its peak memory is the whole XML)
// Prints "MODE bytes events cpu_s" (CPU of this process: user + system, as
// scripts/bench_read_fullsize.sh measures the command line). One mode a process,
// so that scripts interleave the modes and measure peak memory per mode.
#include <expat.h>
#include <libxml/parser.h>
#include <orcus/sax_parser.hpp>
#include <sys/resource.h>
#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

double cpuSeconds() {
    rusage u;
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

unsigned long long events = 0;  // counted so that the callbacks are not optimised away

void xStart(void*, const xmlChar*, const xmlChar*, const xmlChar*, int, const xmlChar**, int, int, const xmlChar**) { ++events; }
void xEnd(void*, const xmlChar*, const xmlChar*, const xmlChar*) { ++events; }
void x1Start(void*, const xmlChar*, const xmlChar**) { ++events; }
void x1End(void*, const xmlChar*) { ++events; }
void xText(void*, const xmlChar*, int) { ++events; }
// Callbacks that only count: SAX2's (names resolved to namespaces) or SAX1's (names as written).
xmlSAXHandler emptyHandler(bool sax2) {
    xmlSAXHandler h;
    std::memset(&h, 0, sizeof h);
    if (sax2) {
        h.initialized = XML_SAX2_MAGIC;
        h.startElementNs = xStart;
        h.endElementNs = xEnd;
    } else {
        h.startElement = x1Start;
        h.endElement = x1End;
    }
    h.characters = xText;
    h.ignorableWhitespace = xText;
    return h;
}
int pullRead(void* f, char* buf, int len) {
    zip_int64_t got = zip_fread(static_cast<zip_file_t*>(f), buf, static_cast<zip_uint64_t>(len));
    return got < 0 ? -1 : static_cast<int>(got);
}
int pullClose(void*) { return 0; }
void eStart(void*, const XML_Char*, const XML_Char**) { ++events; }
void eEnd(void*, const XML_Char*) { ++events; }
void eText(void*, const XML_Char*, int) { ++events; }
// orcus reports each attribute by itself; the others give them with their element, uncounted.
struct OrcusEmpty : orcus::sax_handler {
    void start_element(const orcus::sax::parser_element&) { ++events; }
    void end_element(const orcus::sax::parser_element&) { ++events; }
    void characters(std::string_view, bool) { ++events; }
    void attribute(const orcus::sax::parser_attribute&) {}
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4 && argc != 5) {
        std::fprintf(stderr, "usage: %s inflate|libxml2|libxml2-sax1|libxml2-pull|libxml2-pull-sax1|expat|expat-nons|orcus FILE ENTRY [CHUNK_KIB]\n", argv[0]);
        return 2;
    }
    const std::string mode = argv[1];
    int err = 0;
    zip_t* z = zip_open(argv[2], ZIP_RDONLY, &err);
    zip_file_t* f = z ? zip_fopen(z, argv[3], 0) : nullptr;
    if (!f) {
        std::fprintf(stderr, "cannot open %s in %s\n", argv[3], argv[2]);
        return 2;
    }
    std::vector<char> chunk(static_cast<size_t>(argc == 5 ? std::max(1, std::atoi(argv[4])) : 64) << 10);
    unsigned long long bytes = 0;
    xmlParserCtxtPtr ctxt = nullptr;
    XML_Parser ep = nullptr;
    if (mode == "libxml2-pull" || mode == "libxml2-pull-sax1") {
        xmlInitParser();
        xmlSAXHandler h = emptyHandler(mode == "libxml2-pull");
        xmlParserCtxtPtr c = xmlCreateIOParserCtxt(&h, nullptr, pullRead, pullClose, f, XML_CHAR_ENCODING_NONE);
        xmlCtxtUseOptions(c, XML_PARSE_NONET);
        xmlParseDocument(c);
        bool ok = c->wellFormed;
        xmlFreeParserCtxt(c);
        zip_fclose(f);
        zip_discard(z);
        std::printf("%s %llu %llu %.3f%s\n", mode.c_str(), bytes, events, cpuSeconds(), ok ? "" : " (not well-formed)");
        return ok ? 0 : 1;
    }
    if (mode == "libxml2" || mode == "libxml2-sax1") {
        xmlInitParser();
        xmlSAXHandler h = emptyHandler(mode == "libxml2");
        ctxt = xmlCreatePushParserCtxt(&h, nullptr, nullptr, 0, argv[3]);
        xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
    } else if (mode == "expat" || mode == "expat-nons") {
        ep = mode == "expat" ? XML_ParserCreateNS("UTF-8", ' ') : XML_ParserCreate("UTF-8");
        XML_SetElementHandler(ep, eStart, eEnd);
        XML_SetCharacterDataHandler(ep, eText);
    } else if (mode != "inflate" && mode != "orcus") {
        std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
        return 2;
    }
    bool ok = true;
    std::string whole;  // orcus: the entry in one buffer
    for (;;) {
        zip_int64_t got = zip_fread(f, chunk.data(), chunk.size());
        if (got < 0) return 2;
        bytes += static_cast<unsigned long long>(got);
        if (mode == "orcus") whole.append(chunk.data(), static_cast<size_t>(got));
        if (ctxt) {
            xmlParseChunk(ctxt, chunk.data(), static_cast<int>(got), got == 0);
            ok = ok && ctxt->wellFormed;
        } else if (ep) {
            ok = ok && XML_Parse(ep, chunk.data(), static_cast<int>(got), got == 0) == XML_STATUS_OK;
        }
        if (got == 0) break;
    }
    if (mode == "orcus") {
        OrcusEmpty h;
        try {
            orcus::sax_parser<OrcusEmpty> p(whole.data(), whole.size(), h);
            p.parse();
        } catch (const std::exception&) {
            ok = false;
        }
    }
    if (ctxt) xmlFreeParserCtxt(ctxt);
    if (ep) XML_ParserFree(ep);
    zip_fclose(f);
    zip_discard(z);
    std::printf("%s %llu %llu %.3f%s\n", mode.c_str(), bytes, events, cpuSeconds(), ok ? "" : " (not well-formed)");
    return ok ? 0 : 1;
}
