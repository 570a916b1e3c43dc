#include "common/store/postgres/params.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace redress::pg {

Params& Params::Append(unsigned type_oid, std::string text) {
  types_.push_back(type_oid);
  values_.emplace_back(std::move(text));
  return *this;
}

void Params::Fail(std::string_view why) {
  if (error_.ok()) {
    error_ = absl::InvalidArgumentError(absl::StrCat("parameter $", size(), " ", std::string(why)));
  }
}

Params& Params::Add(int64_t value) { return Append(kInt8Oid, absl::StrCat(value)); }

Params& Params::Add(bool value) { return Append(kBoolOid, value ? "true" : "false"); }

Params& Params::Add(std::string_view text) {
  // Text parameters travel as C strings; PostgreSQL text cannot hold a NUL byte either.
  const bool has_nul = text.find('\0') != std::string_view::npos;
  Append(kUnknownOid, has_nul ? std::string() : std::string(text));
  if (has_nul) Fail("is text with a NUL byte (use AddBytes for binary data)");
  return *this;
}

Params& Params::Add(absl::Time time) {
  if (time == absl::InfiniteFuture()) return Append(kTimestampTzOid, "infinity");
  if (time == absl::InfinitePast()) return Append(kTimestampTzOid, "-infinity");
  const absl::CivilSecond civil = absl::ToCivilSecond(time, absl::UTCTimeZone());
  if (civil.year() < 1 || civil.year() > 9999) {
    Append(kTimestampTzOid, "-infinity");
    Fail("is a time outside the years 1 to 9999");
    return *this;
  }
  return Append(kTimestampTzOid,
                absl::FormatTime("%E4Y-%m-%d %H:%M:%E6S+00", time, absl::UTCTimeZone()));
}

Params& Params::Add(absl::CivilDay day) {
  if (day.year() < 1 || day.year() > 9999) {
    Append(kDateOid, "-infinity");
    Fail("is a day outside the years 1 to 9999");
    return *this;
  }
  return Append(kDateOid, absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day()));
}

Params& Params::AddBytes(std::string_view bytes) {
  // bytea's text input in hex form: \x followed by two hex digits per byte.
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text = "\\x";
  text.reserve(2 + 2 * bytes.size());
  for (unsigned char byte : bytes) {
    text.push_back(kHex[byte >> 4]);
    text.push_back(kHex[byte & 0xf]);
  }
  return Append(kByteaOid, std::move(text));
}

Params& Params::AddNull(unsigned type_oid) {
  types_.push_back(type_oid);
  values_.emplace_back(std::nullopt);
  return *this;
}

std::vector<const char*> Params::values() const {
  std::vector<const char*> pointers;
  pointers.reserve(values_.size());
  for (const std::optional<std::string>& value : values_) {
    pointers.push_back(value.has_value() ? value->c_str() : nullptr);
  }
  return pointers;
}

std::string Placeholders(int first, int last) {
  std::string text;
  for (int i = first; i <= last; ++i) absl::StrAppend(&text, i == first ? "$" : ", $", i);
  return text;
}

}  // namespace redress::pg
