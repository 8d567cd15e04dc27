// Writes CalcAddIns.xcu from extension/src/function_table.hxx, so the
// Function Wizard's texts (the XAddIn methods) and the configuration never
// disagree. Usage: gen_calcaddins OUT.xcu
#include <cstdio>
#include <string>

#include "../src/function_table.hxx"

namespace {

std::string esc(const char* s) {
    std::string o;
    for (; *s; ++s) {
        switch (*s) {
        case '&': o += "&amp;"; break;
        case '<': o += "&lt;"; break;
        case '>': o += "&gt;"; break;
        case '"': o += "&quot;"; break;
        default: o += *s;
        }
    }
    return o;
}

std::string both(const char* vi, const char* en) {
    return "<value xml:lang=\"vi\">" + esc(vi) + "</value><value xml:lang=\"en-US\">" + esc(en) + "</value>";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: gen_calcaddins OUT.xcu\n");
        return 2;
    }
    std::string x =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<!-- Generated from extension/src/function_table.hxx by extension/tools/gen_calcaddins.cxx: edit the table. -->\n"
        "<oor:component-data xmlns:oor=\"http://openoffice.org/2001/registry\" "
        "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" oor:name=\"CalcAddIns\" oor:package=\"org.openoffice.Office\">\n"
        "  <node oor:name=\"AddInInfo\">\n"
        "    <node oor:name=\"org.reportcheck.calc.Functions\" oor:op=\"replace\">\n"
        "      <node oor:name=\"AddInFunctions\">\n";
    for (const auto& f : rcext::kFunctions) {
        x += "        <node oor:name=\"" + esc(f.prog) + "\" oor:op=\"replace\">\n";
        x += "          <prop oor:name=\"DisplayName\">" + both(f.display, f.display) + "</prop>\n";
        x += "          <prop oor:name=\"Description\">" + both(f.descriptionVi, f.descriptionEn) + "</prop>\n";
        x += "          <prop oor:name=\"Category\"><value>" + esc(rcext::kFunctionCategory) + "</value></prop>\n";
        x += "          <prop oor:name=\"CompatibilityName\"><value xml:lang=\"en-US\">" + esc(f.display) +
             "</value></prop>\n";
        x += "          <node oor:name=\"Parameters\">\n";
        // The hidden document parameter is not listed: users never see it.
        for (size_t i = 0; i < f.argCount(); ++i) {
            const auto& a = f.args[i];
            x += "            <node oor:name=\"" + esc(a.prog) + "\" oor:op=\"replace\">\n";
            x += "              <prop oor:name=\"DisplayName\">" + both(a.nameVi, a.nameEn) + "</prop>\n";
            x += "              <prop oor:name=\"Description\">" + both(a.helpVi, a.helpEn) + "</prop>\n";
            x += "            </node>\n";
        }
        x += "          </node>\n        </node>\n";
    }
    x += "      </node>\n    </node>\n  </node>\n</oor:component-data>\n";
    std::FILE* out = std::fopen(argv[1], "wb");
    if (!out || std::fwrite(x.data(), 1, x.size(), out) != x.size() || std::fclose(out) != 0) {
        std::fprintf(stderr, "gen_calcaddins: cannot write %s\n", argv[1]);
        return 1;
    }
    return 0;
}
