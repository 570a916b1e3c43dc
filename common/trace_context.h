// W3C Trace Context (https://www.w3.org/TR/trace-context/): the `traceparent` that ties together
// every log line of one case across the three services. A trace starts with the caller (its
// `traceparent` metadata) or, failing that, at the first service it reaches; each call a service
// serves is a span of it, and so is each delivery of a hand-off from the outbox, which keeps the
// traceparent of the call that recorded it. The current span is per thread (ScopedTrace): the
// server sets it for a handler (handler.h), log lines carry it (log.h), calls to peer services
// send it (peer_channel.h), and the outbox records it. Trace ids are random: they carry no
// personal data.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace redress {

struct TraceContext {
  std::string trace_id;      // 32 lowercase hex digits, not all zero
  std::string span_id;       // 16 lowercase hex digits, not all zero: the span this context names
  std::string flags = "01";  // 2 hex digits; 01 = sampled

  // "00-<trace_id>-<span_id>-<flags>".
  std::string Traceparent() const;
};

// The context a `traceparent` header names, or nullopt when it is malformed (version 00's format;
// a higher version is read by its first four fields, as the specification asks; version ff,
// upper-case hex, and all-zero ids are refused).
std::optional<TraceContext> ParseTraceparent(std::string_view header);

// A new trace with its first span.
TraceContext NewTrace();
// A new span of `parent`'s trace.
TraceContext ChildSpan(const TraceContext& parent);
// A child span of `traceparent`'s trace when it parses, otherwise a new trace.
TraceContext ContinueOrStartTrace(std::string_view traceparent);

// This thread's current span while one is set, else nullptr.
const TraceContext* CurrentTrace();
// Its traceparent, or "" when there is none.
std::string CurrentTraceparent();

// Makes `context` this thread's current span for the scope's lifetime, then restores the one
// before. Not copyable; scopes nest.
class ScopedTrace {
 public:
  explicit ScopedTrace(TraceContext context);
  ~ScopedTrace();
  ScopedTrace(const ScopedTrace&) = delete;
  ScopedTrace& operator=(const ScopedTrace&) = delete;

 private:
  TraceContext context_;
  const TraceContext* previous_;
};

}  // namespace redress
