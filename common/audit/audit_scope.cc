#include "common/audit/audit_scope.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace redress::audit {
namespace {

thread_local const AuditCall* current_call = nullptr;

}  // namespace

ScopedAuditCall::ScopedAuditCall(std::string actor, std::string rpc)
    : call_{std::move(actor), std::move(rpc)}, previous_(current_call) {
  current_call = &call_;
}

ScopedAuditCall::~ScopedAuditCall() { current_call = previous_; }

AuditCall CurrentAuditCall(const AuditCall& fallback) {
  return current_call != nullptr ? *current_call : fallback;
}

AuditCall SystemAuditCall(std::string_view service) {
  const std::string name(service);
  return AuditCall{"system:" + name, name + ".system"};
}

}  // namespace redress::audit
