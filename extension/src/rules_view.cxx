#include "rules_view.hxx"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include <com/sun/star/awt/FontDescriptor.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XControlModel.hpp>
#include <com/sun/star/awt/XDialog2.hpp>
#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XNameContainer.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/lang/XMultiComponentFactory.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/ExtendedFilePickerElementIds.hpp>
#include <com/sun/star/ui/dialogs/FilePicker.hpp>
#include <com/sun/star/ui/dialogs/TemplateDescription.hpp>
#include <com/sun/star/ui/dialogs/XFilePicker3.hpp>
#include <com/sun/star/ui/dialogs/XFilePickerControlAccess.hpp>
#include <cppuhelper/implbase1.hxx>
#include <osl/file.hxx>

#include "strings.hxx"

using namespace css;
using namespace css::uno;

namespace rcext {

namespace {

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return {};
    size_t e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

// The first "…" string of a line (with "" for a quote inside, as the rules language writes it).
std::string quoted(const std::string& s) {
    size_t b = s.find('"');
    if (b == std::string::npos) return {};
    std::string out;
    for (size_t i = b + 1; i < s.size(); ++i) {
        if (s[i] == '"') {
            if (i + 1 < s.size() && s[i + 1] == '"') { out += '"'; ++i; continue; }
            break;
        }
        out += s[i];
    }
    return out;
}

bool startsWord(const std::string& s, const char* w) {
    const size_t n = std::char_traits<char>::length(w);
    return s.compare(0, n, w) == 0 && (s.size() == n || s[n] == ' ' || s[n] == '\t' || s[n] == ':');
}

}  // namespace

std::vector<RuleLine> listRules(const std::string& text, size_t maxRules) {
    std::vector<RuleLine> out;
    std::string sheet;
    size_t pos = 0;
    int lineNo = 0;
    RuleLine* cur = nullptr;
    while (pos < text.size()) {
        size_t e = text.find('\n', pos);
        if (e == std::string::npos) e = text.size();
        const std::string raw = text.substr(pos, e - pos);
        pos = e + 1;
        ++lineNo;
        const std::string t = trim(raw);
        if (t.empty() || t[0] == '#') continue;
        const bool indented = raw[0] == ' ' || raw[0] == '\t';
        if (!indented) {
            cur = nullptr;
            if (startsWord(t, "sheet")) {
                sheet = quoted(t);
            } else if (startsWord(t, "check") || startsWord(t, "total") || startsWord(t, "target")) {
                if (out.size() >= maxRules) break;
                RuleLine r;
                r.kind = t.substr(0, t.find_first_of(" \t:"));
                const size_t colon = t.find(':');
                const std::string head = t.substr(0, colon);
                std::string rest = colon == std::string::npos ? std::string() : trim(t.substr(colon + 1));
                size_t idb = head.find_first_not_of(" \t", r.kind.size());
                size_t ide = head.find_first_of(" \t", idb);
                r.id = idb == std::string::npos ? std::string() : head.substr(idb, ide - idb);
                r.severity = r.kind == "check" || r.kind == "total" ? "error" : "info";
                for (const char* sev : {"error", "warning", "info"})
                    if (head.find(std::string(" ") + sev) != std::string::npos) r.severity = sev;
                r.sheet = sheet;
                r.what = rest;
                r.line = lineNo;
                out.push_back(r);
                cur = &out.back();
            }
            continue;
        }
        if (!cur) continue;
        // The rule's own words say best what it checks; the rows say where.
        if (startsWord(t, "vi")) cur->what = quoted(t);
        else if (startsWord(t, "for")) cur->where = t.substr(4);
        else if (cur->kind == "total" && cur->where.empty() && t[0] == '"') cur->where = "\"" + quoted(t) + "\"";
    }
    return out;
}

std::string ruleLineText(const RuleLine& r) {
    const std::string sev = r.severity == "error" ? "lỗi / error" : r.severity == "warning" ? "cảnh báo / warning"
                                                                                               : "thông tin / info";
    std::string s = r.id + "  ·  " + sev + "  ·  " + (r.sheet.empty() ? "—" : r.sheet);
    if (!r.where.empty()) s += ", " + clip(r.where, 120);
    return s + "  ·  " + clip(r.what, 300);
}

namespace {

class EndWith : public cppu::WeakImplHelper1<awt::XActionListener> {
public:
    EndWith(const Reference<awt::XDialog2>& d, sal_Int32 result) : d_(d), result_(result) {}
    void SAL_CALL actionPerformed(const awt::ActionEvent&) override { d_->endDialog(result_); }
    void SAL_CALL disposing(const lang::EventObject&) override {}

private:
    Reference<awt::XDialog2> d_;
    sal_Int32 result_;
};

Reference<beans::XPropertySet> add(const Reference<lang::XMultiServiceFactory>& mf,
                                   const Reference<container::XNameContainer>& nc, const char* kind, const char* name,
                                   sal_Int32 x, sal_Int32 y, sal_Int32 w, sal_Int32 h) {
    Reference<beans::XPropertySet> m(
        mf->createInstance("com.sun.star.awt.UnoControl" + OUString::createFromAscii(kind) + "Model"),
        UNO_QUERY_THROW);
    m->setPropertyValue("PositionX", Any(x));
    m->setPropertyValue("PositionY", Any(y));
    m->setPropertyValue("Width", Any(w));
    m->setPropertyValue("Height", Any(h));
    nc->insertByName(OUString::createFromAscii(name), Any(m));
    return m;
}

// A read-only edit field: scrolls, selects, copies (Ctrl+A, Ctrl+C), never edits.
Reference<beans::XPropertySet> readOnlyText(const Reference<lang::XMultiServiceFactory>& mf,
                                            const Reference<container::XNameContainer>& nc, const char* name,
                                            sal_Int32 x, sal_Int32 y, sal_Int32 w, sal_Int32 h,
                                            const std::string& text, bool monospace) {
    auto m = add(mf, nc, "Edit", name, x, y, w, h);
    m->setPropertyValue("MultiLine", Any(true));
    m->setPropertyValue("ReadOnly", Any(true));
    m->setPropertyValue("VScroll", Any(true));
    m->setPropertyValue("HScroll", Any(true));
    m->setPropertyValue("Text", Any(ou(text)));
    if (monospace) {
        awt::FontDescriptor f;
        f.Name = "DejaVu Sans Mono";
        m->setPropertyValue("FontDescriptor", Any(f));
    }
    return m;
}

}  // namespace

ViewerResult showRulesDialog(const Reference<XComponentContext>& ctx, const Reference<frame::XFrame>& frame,
                             const std::string& heading, const std::vector<RuleLine>& rules,
                             const std::string& text) {
    Reference<lang::XMultiComponentFactory> smgr = ctx->getServiceManager();
    Reference<beans::XPropertySet> dm(
        smgr->createInstanceWithContext("com.sun.star.awt.UnoControlDialogModel", ctx), UNO_QUERY_THROW);
    dm->setPropertyValue("Width", Any(sal_Int32(460)));
    dm->setPropertyValue("Height", Any(sal_Int32(330)));
    dm->setPropertyValue("Title", Any(ou(tr("ReportCheck — Quy tắc đã nhúng", "ReportCheck — Embedded checks"))));
    dm->setPropertyValue("Sizeable", Any(true));
    Reference<lang::XMultiServiceFactory> mf(dm, UNO_QUERY_THROW);
    Reference<container::XNameContainer> nc(dm, UNO_QUERY_THROW);
    add(mf, nc, "FixedText", "heading", 6, 4, 448, 20)->setPropertyValue("Label", Any(ou(heading)));
    add(mf, nc, "FixedText", "listLabel", 6, 26, 448, 8)
        ->setPropertyValue("Label", Any(ou(tr("Các quy tắc (mã · mức độ · trang, dòng · kiểm tra gì)",
                                              "The rules (id · severity · sheet, rows · what it checks)"))));
    std::string list;
    for (const auto& r : rules) list += ruleLineText(r) + "\n";
    readOnlyText(mf, nc, "list", 6, 36, 448, 110, list, false);
    add(mf, nc, "FixedText", "textLabel", 6, 150, 448, 8)
        ->setPropertyValue("Label", Any(ou(tr("Văn bản quy tắc (chọn và sao chép được)", "The rules text (select and copy)"))));
    readOnlyText(mf, nc, "text", 6, 160, 448, 146, text, true);
    add(mf, nc, "Button", "export", 6, 310, 140, 14)
        ->setPropertyValue("Label", Any(ou(tr("~Xuất ra tệp…", "~Export to a file…"))));
    auto close = add(mf, nc, "Button", "close", 394, 310, 60, 14);
    close->setPropertyValue("Label", Any(ou(tr("Đóng", "Close"))));
    close->setPropertyValue("DefaultButton", Any(true));

    Reference<awt::XControl> dlg(smgr->createInstanceWithContext("com.sun.star.awt.UnoControlDialog", ctx),
                                 UNO_QUERY_THROW);
    dlg->setModel(Reference<awt::XControlModel>(dm, UNO_QUERY_THROW));
    Reference<awt::XWindowPeer> parent(frame.is() ? frame->getContainerWindow() : nullptr, UNO_QUERY);
    dlg->createPeer(Reference<awt::XToolkit>(awt::Toolkit::create(ctx), UNO_QUERY_THROW), parent);
    Reference<awt::XDialog2> d(dlg, UNO_QUERY_THROW);
    Reference<awt::XControlContainer> cc(dlg, UNO_QUERY_THROW);
    Reference<awt::XButton> ex(cc->getControl("export"), UNO_QUERY);
    if (ex.is()) ex->addActionListener(new EndWith(d, 2));
    Reference<awt::XButton> cl(cc->getControl("close"), UNO_QUERY);
    if (cl.is()) cl->addActionListener(new EndWith(d, 1));
    const sal_Int16 r = d->execute();
    Reference<lang::XComponent>(dlg, UNO_QUERY_THROW)->dispose();
    return r == 2 ? ViewerResult::Export : ViewerResult::Closed;
}

DraftChoice showDraftDialog(const Reference<XComponentContext>& ctx, const Reference<frame::XFrame>& frame,
                            const std::string& heading, std::string& text) {
    Reference<lang::XMultiComponentFactory> smgr = ctx->getServiceManager();
    Reference<beans::XPropertySet> dm(
        smgr->createInstanceWithContext("com.sun.star.awt.UnoControlDialogModel", ctx), UNO_QUERY_THROW);
    dm->setPropertyValue("Width", Any(sal_Int32(460)));
    dm->setPropertyValue("Height", Any(sal_Int32(330)));
    dm->setPropertyValue("Title", Any(ou(tr("ReportCheck — Quy tắc đề xuất", "ReportCheck — Suggested rules"))));
    Reference<lang::XMultiServiceFactory> mf(dm, UNO_QUERY_THROW);
    Reference<container::XNameContainer> nc(dm, UNO_QUERY_THROW);
    auto head = add(mf, nc, "FixedText", "heading", 6, 4, 448, 28);
    head->setPropertyValue("MultiLine", Any(true));
    head->setPropertyValue("Label", Any(ou(heading)));
    auto edit = readOnlyText(mf, nc, "text", 6, 34, 448, 272, text, true);
    edit->setPropertyValue("ReadOnly", Any(false));  // the user reviews and may correct the draft
    add(mf, nc, "Button", "validate", 6, 310, 130, 14)
        ->setPropertyValue("Label", Any(ou(tr("~Kiểm tra với bản nháp", "~Validate with it"))));
    add(mf, nc, "Button", "embed", 140, 310, 120, 14)
        ->setPropertyValue("Label", Any(ou(tr("~Nhúng vào bảng tính", "~Embed it"))));
    add(mf, nc, "Button", "save", 264, 310, 110, 14)->setPropertyValue("Label", Any(ou(tr("~Lưu ra tệp…", "~Save…"))));
    add(mf, nc, "Button", "close", 394, 310, 60, 14)->setPropertyValue("Label", Any(ou(tr("Đóng", "Close"))));

    Reference<awt::XControl> dlg(smgr->createInstanceWithContext("com.sun.star.awt.UnoControlDialog", ctx),
                                 UNO_QUERY_THROW);
    dlg->setModel(Reference<awt::XControlModel>(dm, UNO_QUERY_THROW));
    Reference<awt::XWindowPeer> parent(frame.is() ? frame->getContainerWindow() : nullptr, UNO_QUERY);
    dlg->createPeer(Reference<awt::XToolkit>(awt::Toolkit::create(ctx), UNO_QUERY_THROW), parent);
    Reference<awt::XDialog2> d(dlg, UNO_QUERY_THROW);
    Reference<awt::XControlContainer> cc(dlg, UNO_QUERY_THROW);
    const std::pair<const char*, DraftChoice> buttons[] = {{"validate", DraftChoice::Validate},
                                                           {"embed", DraftChoice::Embed},
                                                           {"save", DraftChoice::Save},
                                                           {"close", DraftChoice::Close}};
    for (const auto& [name, choice] : buttons) {
        Reference<awt::XButton> b(cc->getControl(OUString::createFromAscii(name)), UNO_QUERY);
        if (b.is()) b->addActionListener(new EndWith(d, static_cast<sal_Int32>(choice) + 10));
    }
    const sal_Int16 r = d->execute();
    OUString edited;
    edit->getPropertyValue("Text") >>= edited;
    text = u8(edited);
    Reference<lang::XComponent>(dlg, UNO_QUERY_THROW)->dispose();
    return r >= 10 && r <= 13 ? static_cast<DraftChoice>(r - 10) : DraftChoice::Close;
}

namespace {

Reference<ui::dialogs::XFilePicker3> picker(const Reference<XComponentContext>& ctx, sal_Int16 mode,
                                            const OUString& folderUrl, const std::string& titleText) {
    auto fp = ui::dialogs::FilePicker::createWithMode(ctx, mode);
    // What the filter says in the user's words, then everything.
    const OUString rules = ou(tr("Quy tắc ReportCheck (*.rules)", "ReportCheck rules (*.rules)"));
    fp->appendFilter(rules, "*.rules");
    fp->appendFilter(ou(tr("Tất cả tệp (*.*)", "All files (*.*)")), "*.*");
    fp->setCurrentFilter(rules);
    fp->setTitle(ou(titleText));
    if (!folderUrl.isEmpty()) fp->setDisplayDirectory(folderUrl);
    return fp;
}

std::string chosen(const Reference<ui::dialogs::XFilePicker3>& fp) {
    if (fp->execute() != ui::dialogs::ExecutableDialogResults::OK) return {};
    Sequence<OUString> files = fp->getSelectedFiles();
    if (files.getLength() == 0) return {};
    OUString sys;
    osl::FileBase::getSystemPathFromFileURL(files[0], sys);
    return u8(sys);
}

}  // namespace

std::string askSavePath(const Reference<XComponentContext>& ctx, const OUString& folderUrl,
                        const std::string& suggestedName) {
    auto fp = picker(ctx, ui::dialogs::TemplateDescription::FILESAVE_AUTOEXTENSION, folderUrl,
                     tr("Lưu quy tắc vào tệp", "Save the rules to a file"));
    fp->setDefaultName(ou(suggestedName));
    Reference<ui::dialogs::XFilePickerControlAccess> ca(fp, UNO_QUERY);
    try {
        if (ca.is()) ca->setValue(ui::dialogs::ExtendedFilePickerElementIds::CHECKBOX_AUTOEXTENSION, 0, Any(true));
    } catch (const Exception&) {
    }
    std::string path = chosen(fp);
    if (!path.empty() && path.find('.', path.rfind('/') + 1) == std::string::npos) path += ".rules";
    return path;
}

std::string askOpenPath(const Reference<XComponentContext>& ctx, const OUString& folderUrl) {
    return chosen(picker(ctx, ui::dialogs::TemplateDescription::FILEOPEN_SIMPLE, folderUrl,
                         tr("Chọn tệp quy tắc", "Choose a rules file")));
}

void writeTextFile(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".tmp-reportcheck";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) throw std::runtime_error(note(msg::kCannotWrite, {path}).line());
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (std::fclose(f) != 0 || !ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        throw std::runtime_error(note(msg::kCannotWrite, {path}).line());
    }
}

OUString startFolder(const Reference<frame::XFrame>& frame) {
    try {
        Reference<frame::XController> c = frame.is() ? frame->getController() : nullptr;
        Reference<frame::XModel> m = c.is() ? c->getModel() : nullptr;
        const OUString url = m.is() ? m->getURL() : OUString();
        const sal_Int32 slash = url.lastIndexOf('/');
        if (url.startsWith("file:") && slash > 0) return url.copy(0, slash + 1);
    } catch (const Exception&) {
    }
    const char* home = std::getenv("HOME");
    if (!home || !*home) return {};
    OUString url;
    for (const std::string& dir : {std::string(home) + "/Documents", std::string(home)}) {
        osl::DirectoryItem item;
        if (osl::FileBase::getFileURLFromSystemPath(ou(dir), url) == osl::FileBase::E_None &&
            osl::DirectoryItem::get(url, item) == osl::FileBase::E_None)
            return url;
    }
    return {};
}

}  // namespace rcext
