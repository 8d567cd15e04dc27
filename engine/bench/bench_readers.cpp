// Readers compared on the same files in the same run (docs/READERS.md).
//   reportcheck_bench_readers READER REPS OUTDIR FILE…
// READER: native  - the .ods reader (libzip + libxml2's streaming reader)
//         orcus   - liborcus 0.17 through our interfaces (.ods, .xlsx, .csv; .fods
//                   wrapped as a package)
//         auto    - readWorkbook (what the command line uses for the file's format)
//         inflate - baseline: libzip inflates the sheet XML (content.xml, or every
//                   xl/worksheets/*.xml) and nothing more
//         walk-libxml2 / walk-expat / walk-orcus - inflate, then only parse: every
//                   element, attribute and text node visited, nothing built. The
//                   parser candidates for the hot path, without a reader around them.
// Prints one line per file: name, median ms of REPS reads, cells; writes
// OUTDIR/NAME.tsv (cellsTsv, or "#error MESSAGE") for the parity check.
// Peak memory: run one reader per process under /usr/bin/time -f %M.
#include <expat.h>
#include <libxml/xmlreader.h>
#include <orcus/sax_parser.hpp>
#include <zip.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "../src/flat_ods.h"
#include "../src/orcus_reader.h"
#include "reportcheck/ods.h"
#include "reportcheck/read.h"

using namespace reportcheck;
using Clock = std::chrono::steady_clock;

// The sheet XML of a package, inflated.
static std::vector<std::string> sheetXml(const std::string& path) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    if (!z) throw std::runtime_error("not a zip");
    std::vector<std::string> out;
    for (zip_int64_t i = 0, n = zip_get_num_entries(z, 0); i < n; ++i) {
        std::string name = zip_get_name(z, i, 0);
        if (name != "content.xml" && name.rfind("xl/worksheets/", 0) != 0) continue;
        zip_stat_t st;
        zip_stat_index(z, i, 0, &st);
        zip_file_t* f = zip_fopen_index(z, i, 0);
        if (!f) continue;
        std::string data(st.size, '\0');
        zip_fread(f, data.data(), st.size);
        zip_fclose(f);
        out.push_back(std::move(data));
    }
    zip_discard(z);
    return out;
}

static size_t walkLibxml2(const std::string& xml) {
    size_t n = 0;
    xmlTextReaderPtr r = xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), "x", "UTF-8", XML_PARSE_NONET);
    while (xmlTextReaderRead(r) == 1) {
        ++n;
        if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT)
            while (xmlTextReaderMoveToNextAttribute(r) == 1) n += xmlTextReaderConstValue(r) != nullptr;
    }
    xmlFreeTextReader(r);
    return n;
}

static size_t walkExpat(const std::string& xml) {
    size_t n = 0;
    XML_Parser p = XML_ParserCreate("UTF-8");
    XML_SetUserData(p, &n);
    XML_SetElementHandler(
        p, [](void* u, const XML_Char*, const XML_Char** atts) {
            auto& k = *static_cast<size_t*>(u);
            ++k;
            for (; *atts; atts += 2) ++k;
        },
        [](void* u, const XML_Char*) { ++*static_cast<size_t*>(u); });
    XML_SetCharacterDataHandler(p, [](void* u, const XML_Char*, int) { ++*static_cast<size_t*>(u); });
    XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1);
    XML_ParserFree(p);
    return n;
}

struct OrcusCounter : orcus::sax_handler {
    size_t n = 0;
    void start_element(const orcus::sax::parser_element&) { ++n; }
    void end_element(const orcus::sax::parser_element&) { ++n; }
    void characters(std::string_view, bool) { ++n; }
    void attribute(const orcus::sax::parser_attribute&) { ++n; }
};

static size_t walkOrcus(const std::string& xml) {
    OrcusCounter h;
    orcus::sax_parser<OrcusCounter> p(xml.data(), xml.size(), h);
    p.parse();
    return h.n;
}

static size_t inflate(const std::string& path) {
    int err = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
    if (!z) throw std::runtime_error("not a zip");
    size_t total = 0;
    std::vector<char> buf(1 << 16);
    for (zip_int64_t i = 0, n = zip_get_num_entries(z, 0); i < n; ++i) {
        std::string name = zip_get_name(z, i, 0);
        if (name != "content.xml" && name.rfind("xl/worksheets/", 0) != 0) continue;
        zip_file_t* f = zip_fopen_index(z, i, 0);
        if (!f) continue;
        for (zip_int64_t got; (got = zip_fread(f, buf.data(), buf.size())) > 0;) total += static_cast<size_t>(got);
        zip_fclose(f);
    }
    zip_discard(z);
    return total;
}

static bool endsWith(const std::string& s, const std::string& e) {
    return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
}

// orcus for every format it can take: .xlsx, .csv, .ods, and .fods wrapped as a package.
static Workbook viaOrcus(const std::string& path) {
    if (endsWith(path, ".xlsx")) return readWithOrcus(path, OrcusFormat::Xlsx);
    if (endsWith(path, ".csv")) return readWithOrcus(path, OrcusFormat::Csv);
    if (endsWith(path, ".fods")) {
        std::ifstream in(path, std::ios::binary);
        std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        return readWithOrcusBytes(flatOdsAsZip(xml, path, true), OrcusFormat::Ods, path);
    }
    return readWithOrcus(path, OrcusFormat::Ods);
}

static size_t countCells(const Workbook& wb) {
    size_t n = 0;
    for (const auto& s : wb.sheets)
        for (int r = 0; r < s.rows(); ++r)
            for (int c = 0; c < s.cols(); ++c) n += s.at(r, c).kind != Cell::Kind::Empty;
    return n;
}

int main(int argc, char** argv) {
    if (argc < 5) {
        std::fprintf(stderr, "usage: %s native|orcus|auto|inflate REPS OUTDIR FILE...\n", argv[0]);
        return 2;
    }
    std::string reader = argv[1], outdir = argv[3];
    int reps = std::max(1, std::atoi(argv[2]));
    for (int i = 4; i < argc; ++i) {
        std::string path = argv[i];
        std::string name = path.substr(path.find_last_of('/') + 1);
        std::vector<double> times;
        std::string dump;
        size_t cells = 0;
        for (int k = 0; k < reps; ++k) {
            auto a = Clock::now();
            double ms = -1;  // the read alone: the dump for the parity check is not timed
            try {
                if (reader == "inflate") {
                    cells = inflate(path);
                } else if (reader.rfind("walk-", 0) == 0) {
                    cells = 0;
                    for (const auto& xml : sheetXml(path))
                        cells += reader == "walk-expat" ? walkExpat(xml) : reader == "walk-orcus" ? walkOrcus(xml) : walkLibxml2(xml);
                } else {
                    Workbook wb = reader == "native" ? readOds(path)
                                  : reader == "orcus" ? viaOrcus(path)
                                                      : readWorkbook(path);
                    ms = std::chrono::duration<double, std::milli>(Clock::now() - a).count();
                    if (k == 0) {
                        dump = cellsTsv(wb);
                        cells = countCells(wb);
                    }
                }
            } catch (const std::exception& e) {
                std::string msg = e.what();
                std::replace(msg.begin(), msg.end(), '\n', ' ');
                dump = "#error\t" + msg + "\n";
            }
            times.push_back(ms >= 0 ? ms : std::chrono::duration<double, std::milli>(Clock::now() - a).count());
        }
        std::sort(times.begin(), times.end());
        std::printf("%s\t%.3f\t%zu\n", name.c_str(), times[times.size() / 2], cells);
        if (reader != "inflate" && reader.rfind("walk-", 0) != 0) std::ofstream(outdir + "/" + name + ".tsv", std::ios::binary) << dump;
    }
    return 0;
}
