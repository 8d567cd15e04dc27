// Menu commands: a ProtocolHandler for org.reportcheck.calc:<Command>.
// Every command is also an XNotifyingDispatch whose result (State + a JSON
// string) tests and macros can read.
#pragma once

#include "ustr.hxx"

#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XNotifyingDispatch.hpp>
#include <com/sun/star/lang/XInitialization.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase4.hxx>
#include <cppuhelper/supportsservice.hxx>

namespace rcext {

inline constexpr const char* kProtocol = "org.reportcheck.calc:";
inline constexpr const char* kHandlerImpl = "org.reportcheck.calc.CommandHandler";

class CommandHandler
    : public cppu::WeakImplHelper4<css::frame::XDispatchProvider, css::frame::XNotifyingDispatch,
                                   css::lang::XInitialization, css::lang::XServiceInfo> {
public:
    explicit CommandHandler(const css::uno::Reference<css::uno::XComponentContext>& ctx) : ctx_(ctx) {}

    // XDispatchProvider
    css::uno::Reference<css::frame::XDispatch> SAL_CALL queryDispatch(
        const css::util::URL& url, const OUString& target, sal_Int32 flags) override;
    css::uno::Sequence<css::uno::Reference<css::frame::XDispatch>> SAL_CALL queryDispatches(
        const css::uno::Sequence<css::frame::DispatchDescriptor>& requests) override;
    // XDispatch
    void SAL_CALL dispatch(const css::util::URL& url,
                           const css::uno::Sequence<css::beans::PropertyValue>& args) override;
    void SAL_CALL addStatusListener(const css::uno::Reference<css::frame::XStatusListener>& l,
                                    const css::util::URL& url) override;
    void SAL_CALL removeStatusListener(const css::uno::Reference<css::frame::XStatusListener>&,
                                       const css::util::URL&) override {}
    // XNotifyingDispatch
    void SAL_CALL dispatchWithNotification(
        const css::util::URL& url, const css::uno::Sequence<css::beans::PropertyValue>& args,
        const css::uno::Reference<css::frame::XDispatchResultListener>& listener) override;
    // XInitialization
    void SAL_CALL initialize(const css::uno::Sequence<css::uno::Any>& args) override;
    // XServiceInfo
    OUString SAL_CALL getImplementationName() override { return OUString::createFromAscii(kHandlerImpl); }
    sal_Bool SAL_CALL supportsService(const OUString& name) override { return cppu::supportsService(this, name); }
    css::uno::Sequence<OUString> SAL_CALL getSupportedServiceNames() override {
        css::uno::Sequence<OUString> s(1);
        s.getArray()[0] = "com.sun.star.frame.ProtocolHandler";
        return s;
    }

private:
    css::uno::Reference<css::uno::XComponentContext> ctx_;
    css::uno::Reference<css::frame::XFrame> frame_;
};

}  // namespace rcext
