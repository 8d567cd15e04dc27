// Small helpers over the Calc API shared by the presenters.
#pragma once

#include "ustr.hxx"

#include <string>

#include <com/sun/star/beans/PropertyAttribute.hpp>
#include <com/sun/star/beans/XPropertyContainer.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/beans/XPropertySetInfo.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/document/XDocumentProperties.hpp>
#include <com/sun/star/document/XDocumentPropertiesSupplier.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/sheet/XSpreadsheets.hpp>
#include <com/sun/star/util/XProtectable.hpp>

#include "ustr.hxx"

namespace rcext {

inline css::uno::Reference<css::sheet::XSpreadsheet> sheetByName(
    const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc, const std::string& name) {
    css::uno::Reference<css::container::XNameAccess> sheets(doc->getSheets(), css::uno::UNO_QUERY_THROW);
    OUString n = ou(name);
    if (!sheets->hasByName(n)) return {};
    return css::uno::Reference<css::sheet::XSpreadsheet>(sheets->getByName(n), css::uno::UNO_QUERY);
}

inline bool isProtected(const css::uno::Reference<css::sheet::XSpreadsheet>& sh) {
    css::uno::Reference<css::util::XProtectable> p(sh, css::uno::UNO_QUERY);
    return p.is() && p->isProtected();
}

// User-defined document property as text ("" when absent).
inline std::string userProperty(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc,
                                const char* name) {
    css::uno::Reference<css::document::XDocumentPropertiesSupplier> sup(doc, css::uno::UNO_QUERY_THROW);
    css::uno::Reference<css::beans::XPropertySet> ps(
        sup->getDocumentProperties()->getUserDefinedProperties(), css::uno::UNO_QUERY_THROW);
    OUString n = OUString::createFromAscii(name);
    if (!ps->getPropertySetInfo()->hasPropertyByName(n)) return {};
    OUString v;
    ps->getPropertyValue(n) >>= v;
    return u8(v);
}

inline void setUserProperty(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc,
                            const char* name, const std::string& value) {
    css::uno::Reference<css::document::XDocumentPropertiesSupplier> sup(doc, css::uno::UNO_QUERY_THROW);
    css::uno::Reference<css::beans::XPropertyContainer> c =
        sup->getDocumentProperties()->getUserDefinedProperties();
    css::uno::Reference<css::beans::XPropertySet> ps(c, css::uno::UNO_QUERY_THROW);
    OUString n = OUString::createFromAscii(name);
    if (ps->getPropertySetInfo()->hasPropertyByName(n)) c->removeProperty(n);
    if (!value.empty())
        c->addProperty(n, css::beans::PropertyAttribute::REMOVEABLE, css::uno::Any(ou(value)));
}

// While it lives, Calc does not recompute optimal row heights after each
// change of cell attributes (the document's IsAdjustHeightEnabled). A
// background colour never changes a row's height, yet each colour set over
// cells spread across a 100,000-row sheet had Calc measure every row between
// the first and the last. Left as it was if something else holds it already.
class RowHeightsKept {
public:
    explicit RowHeightsKept(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc)
        : ps_(doc, css::uno::UNO_QUERY) {
        try {
            bool enabled = false;
            if (ps_.is() && (ps_->getPropertyValue("IsAdjustHeightEnabled") >>= enabled) && enabled) {
                ps_->setPropertyValue("IsAdjustHeightEnabled", css::uno::Any(false));
                locked_ = true;
            }
        } catch (const css::uno::Exception&) {
        }
    }
    ~RowHeightsKept() {
        try {
            if (locked_) ps_->setPropertyValue("IsAdjustHeightEnabled", css::uno::Any(true));
        } catch (...) {
        }
    }
    RowHeightsKept(const RowHeightsKept&) = delete;
    RowHeightsKept& operator=(const RowHeightsKept&) = delete;

private:
    css::uno::Reference<css::beans::XPropertySet> ps_;
    bool locked_ = false;
};

}  // namespace rcext
