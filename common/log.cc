#include "common/log.h"

#include <errno.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>

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
  line.append(absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone()));
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
