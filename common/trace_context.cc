#include "common/trace_context.h"

#include <atomic>
#include <cstdint>
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

// SplitMix64's finaliser: spreads consecutive seeds over the whole 64-bit range.
uint64_t Mix(uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9;
  x = (x ^ (x >> 27)) * 0x94d049bb133111eb;
  return x ^ (x >> 31);
}

// This thread's generator. Only the process's first one reads std::random_device: gRPC's
// synchronous server starts and ends threads continually under load, and a random_device for each
// new thread (it asks the CPU for entropy, which a virtual machine traps) cost 1.6% of intake's CPU
// serving GetComplaint. The others are seeded from that seed and a count of threads.
std::mt19937_64& Generator() {
  static const uint64_t process_seed = [] {
    std::random_device device;
    return (uint64_t{device()} << 32) ^ device();
  }();
  static std::atomic<uint64_t> threads{0};
  thread_local std::mt19937_64 generator{Mix(process_seed + Mix(threads.fetch_add(1) + 1))};
  return generator;
}

// `digits` random lowercase hex digits, never all zero: 16 digits from each 64-bit draw.
std::string RandomHex(int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::mt19937_64& generator = Generator();
  std::string out(digits, '0');
  do {
    uint64_t bits = 0;
    for (int i = 0; i < digits; ++i) {
      if (i % 16 == 0) bits = generator();
      out[i] = kHex[bits & 0xf];
      bits >>= 4;
    }
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
