// Passive registration: the .components file names the implementations; this
// library exports only component_getFactory.
#include <cppuhelper/factory.hxx>
#include <cppuhelper/implementationentry.hxx>
#include <rtl/ustring.hxx>

#include "addin.hxx"
#include "dispatch.hxx"

using namespace css;
using namespace css::uno;

namespace {

Reference<XInterface> SAL_CALL createFunctions(const Reference<XComponentContext>& ctx) {
    return static_cast<cppu::OWeakObject*>(new rcext::Functions(ctx));
}

Reference<XInterface> SAL_CALL createHandler(const Reference<XComponentContext>& ctx) {
    return static_cast<cppu::OWeakObject*>(new rcext::CommandHandler(ctx));
}

Sequence<OUString> SAL_CALL functionsServices() { return rcext::Functions::serviceNames(); }

Sequence<OUString> SAL_CALL handlerServices() {
    Sequence<OUString> s(1);
    s.getArray()[0] = "com.sun.star.frame.ProtocolHandler";
    return s;
}

OUString SAL_CALL functionsImpl() { return OUString::createFromAscii(rcext::kAddInImpl); }
OUString SAL_CALL handlerImpl() { return OUString::createFromAscii(rcext::kHandlerImpl); }

const cppu::ImplementationEntry kEntries[] = {
    {createFunctions, functionsImpl, functionsServices, cppu::createSingleComponentFactory, nullptr, 0},
    {createHandler, handlerImpl, handlerServices, cppu::createSingleComponentFactory, nullptr, 0},
    {nullptr, nullptr, nullptr, nullptr, nullptr, 0},
};

}  // namespace

extern "C" SAL_DLLPUBLIC_EXPORT void* SAL_CALL component_getFactory(const char* implName, void* serviceManager,
                                                                    void* registryKey) {
    return cppu::component_getFactoryHelper(implName, serviceManager, registryKey, kEntries);
}
