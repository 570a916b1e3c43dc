#include "common/trace_context.h"

#include <random>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace redress {
namespace {

thread_local const TraceContext* current_trace = nullptr;

bool IsLowerHex(std::string_view text) {
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool AllZero(std::string_view text) { return text.find_first_not_of('0') == std::string::npos; }

// `digits` random lowercase hex digits, never all zero.
std::string RandomHex(int digits) {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  do {
    out.clear();
    for (int i = 0; i < digits; ++i) out.push_back(kHex[generator() & 0xf]);
  } while (AllZero(out));
  return out;
}

}  // namespace

std::string TraceContext::Traceparent() const {
  return absl::StrCat("00-", trace_id, "-", span_id, "-", flags);
}

std::optional<TraceContext> ParseTraceparent(std::string_view header) {
  // version(2) - trace-id(32) - parent-id(16) - flags(2)
  constexpr size_t kLength = 55;
  if (header.size() < kLength || header[2] != '-' || header[35] != '-' || header[52] != '-') {
    return std::nullopt;
  }
  const std::string_view version = header.substr(0, 2);
  if (!IsLowerHex(version) || version == "ff") return std::nullopt;
  // Version 00 is exactly 55 characters; a later version may append fields after a dash.
  if (header.size() > kLength && (version == "00" || header[kLength] != '-')) return std::nullopt;
  TraceContext context;
  context.trace_id = std::string(header.substr(3, 32));
  context.span_id = std::string(header.substr(36, 16));
  context.flags = std::string(header.substr(53, 2));
  if (!IsLowerHex(context.trace_id) || !IsLowerHex(context.span_id) || !IsLowerHex(context.flags) ||
      AllZero(context.trace_id) || AllZero(context.span_id)) {
    return std::nullopt;
  }
  return context;
}

TraceContext NewTrace() { return {RandomHex(32), RandomHex(16), "01"}; }

TraceContext ChildSpan(const TraceContext& parent) {
  return {parent.trace_id, RandomHex(16), parent.flags};
}

TraceContext ContinueOrStartTrace(std::string_view traceparent) {
  std::optional<TraceContext> parent = ParseTraceparent(traceparent);
  return parent.has_value() ? ChildSpan(*parent) : NewTrace();
}

const TraceContext* CurrentTrace() { return current_trace; }

std::string CurrentTraceparent() {
  return current_trace == nullptr ? "" : current_trace->Traceparent();
}

ScopedTrace::ScopedTrace(TraceContext context)
    : context_(std::move(context)), previous_(current_trace) {
  current_trace = &context_;
}

ScopedTrace::~ScopedTrace() { current_trace = previous_; }

}  // namespace redress
