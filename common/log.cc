#include "common/log.h"

#include <errno.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/trace_context.h"

namespace redress {
namespace {

// Appends `text` as a JSON string literal. Bytes >= 0x80 pass through untouched, so UTF-8 text
// stays readable; control characters become \u00XX so a line never contains a raw newline.
void AppendJsonString(std::string& out, std::string_view text) {
  out.push_back('"');
  for (char c : text) {
    const unsigned char byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (byte < 0x20) {
      char escaped[7];
      std::snprintf(escaped, sizeof(escaped), "\\u%04x", byte);
      out.append(escaped, 6);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

// Writes all of `line` to stderr. One write(2) suffices in practice (a line is far below the
// pipe's atomic-write size for ordinary fields); the loop only handles EINTR and the rare short
// write to a full pipe or terminal.
void WriteToStderr(const std::string& line) {
  const char* data = line.data();
  size_t remaining = line.size();
  while (remaining > 0) {
    const ssize_t written = ::write(STDERR_FILENO, data, remaining);
    if (written < 0) {
      if (errno == EINTR) continue;
      return;  // Nowhere left to report a failure to log.
    }
    data += written;
    remaining -= static_cast<size_t>(written);
  }
}

}  // namespace

namespace log_internal {

void AppendTimestamp(std::string& out, absl::Time time) {
  // "YYYY-MM-DDTHH:MM:SS": each thread keeps the text of the last second it formatted, since lines
  // come many to a second and absl::FormatTime's general formatter was a quarter of Log's time.
  constexpr size_t kSecondLength = 19;
  thread_local int64_t cached_second = std::numeric_limits<int64_t>::min();
  thread_local char cached_text[kSecondLength];
  const int64_t millis = absl::ToUnixMillis(time);  // rounded toward the infinite past
  const int64_t second = millis / 1000 - (millis % 1000 < 0 ? 1 : 0);
  const int64_t milli = millis - second * 1000;  // 0..999
  if (second != cached_second) {
    const std::string text =
        absl::FormatTime("%Y-%m-%dT%H:%M:%S", absl::FromUnixSeconds(second), absl::UTCTimeZone());
    if (text.size() != kSecondLength) {  // a year outside 0000..9999: formatted whole, uncached
      out.append(absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone()));
      return;
    }
    text.copy(cached_text, kSecondLength);
    cached_second = second;
  }
  out.append(cached_text, kSecondLength);
  const char fraction[] = {'.', static_cast<char>('0' + milli / 100),
                           static_cast<char>('0' + milli / 10 % 10),
                           static_cast<char>('0' + milli % 10), 'Z'};
  out.append(fraction, sizeof(fraction));
}

}  // namespace log_internal

LogField::LogField(std::string k, double d) : key(std::move(k)) {
  if (std::isfinite(d)) {
    // Six significant digits ("12.3457", "1e+06"), always a valid JSON number.
    value = absl::StrCat(d);
    number = true;
  } else {
    // JSON has no NaN or Infinity; keep the information as a string.
    value = std::isnan(d) ? "NaN" : (d > 0 ? "Infinity" : "-Infinity");
  }
}

void Log(LogLevel level, std::string_view message, const std::vector<LogField>& fields) {
  std::string line;
  line.reserve(96 + message.size() + fields.size() * 32);
  line.append("{\"ts\":\"");
  log_internal::AppendTimestamp(line, absl::Now());
  line.append("\",\"level\":\"");
  line.append(LevelName(level));
  line.append("\",\"msg\":");
  AppendJsonString(line, message);
  for (const LogField& field : fields) {
    line.push_back(',');
    AppendJsonString(line, field.key);
    line.push_back(':');
    if (field.number) {
      line.append(field.value);
    } else {
      AppendJsonString(line, field.value);
    }
  }
  // The span the line was written in (trace_context.h).
  if (const TraceContext* trace = CurrentTrace(); trace != nullptr) {
    line.append(",\"trace_id\":\"").append(trace->trace_id);
    line.append("\",\"span_id\":\"").append(trace->span_id).append("\"");
  }
  line.append("}\n");
  WriteToStderr(line);
}

}  // namespace redress
