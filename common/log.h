// Structured logging: one JSON object per line on stderr, so that log collectors parse it without
// configuration. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace redress {

enum class LogLevel { kInfo, kWarning, kError };

// A field of a log line. Values are written as JSON strings, except `number` fields.
struct LogField {
  LogField(std::string k, std::string v) : key(std::move(k)), value(std::move(v)) {}
  LogField(std::string k, const char* v) : key(std::move(k)), value(v) {}
  LogField(std::string k, std::string_view v) : key(std::move(k)), value(v) {}
  LogField(std::string k, long long n)
      : key(std::move(k)), value(std::to_string(n)), number(true) {}
  LogField(std::string k, int n) : LogField(std::move(k), static_cast<long long>(n)) {}
  LogField(std::string k, double d);
  std::string key;
  std::string value;
  bool number = false;
};

// Writes {"ts":"<RFC3339 UTC>","level":"info","msg":"<message>",<fields>...} and a newline in one
// write(2), so lines from concurrent threads never interleave. Inside a trace (this thread's
// ScopedTrace, trace_context.h) the line ends with "trace_id" and "span_id".
void Log(LogLevel level, std::string_view message, const std::vector<LogField>& fields = {});

namespace log_internal {
// Appends the "ts" of a line written at `time`: RFC 3339 in UTC with milliseconds,
// "2026-01-01T00:00:00.000Z" (absl::FormatTime's "%Y-%m-%dT%H:%M:%E3SZ").
void AppendTimestamp(std::string& out, absl::Time time);
}  // namespace log_internal

}  // namespace redress
