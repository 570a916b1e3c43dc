// The parameters of one SQL statement ($1, $2, ... in the order added), each sent to the server
// in text format with its type, never spliced into the SQL text. Empty optionals are NULL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace redress::pg {

// PostgreSQL type OIDs (stable since PostgreSQL 7; src/include/catalog/pg_type.dat).
inline constexpr unsigned kUnknownOid = 0;  // the server infers the type from the statement
inline constexpr unsigned kBoolOid = 16;
inline constexpr unsigned kByteaOid = 17;
inline constexpr unsigned kInt8Oid = 20;
inline constexpr unsigned kInt2Oid = 21;
inline constexpr unsigned kInt4Oid = 23;
inline constexpr unsigned kTextOid = 25;
inline constexpr unsigned kJsonOid = 114;
inline constexpr unsigned kBpcharOid = 1042;
inline constexpr unsigned kVarcharOid = 1043;
inline constexpr unsigned kDateOid = 1082;
inline constexpr unsigned kTimestampTzOid = 1184;
inline constexpr unsigned kUuidOid = 2950;
inline constexpr unsigned kJsonbOid = 3802;

// Parameters are typed so that `$1` means the same whatever the statement around it: integers are
// int8, booleans bool, bytes bytea, times timestamptz, days date. Text is sent untyped (the
// server takes the type of the column or operand it meets), so one Add(string) serves text,
// varchar, jsonb, uuid or an enum; where the statement gives no context (`SELECT $1`), cast it.
//
// An unusable value (text with a NUL byte, a time outside years 1-9999) is remembered and
// reported as INVALID_ARGUMENT by the Connection::Execute that receives these parameters, so
// adding reads as a list. Error messages name the parameter, never its value.
class Params {
 public:
  Params() = default;

  Params& Add(int64_t value);
  Params& Add(int value) { return Add(static_cast<int64_t>(value)); }
  Params& Add(bool value);
  Params& Add(std::string_view text);  // UTF-8
  Params& Add(const std::string& text) { return Add(std::string_view(text)); }
  Params& Add(const char* text) {
    return text == nullptr ? AddNull() : Add(std::string_view(text));
  }
  // timestamptz in UTC, truncated to the microsecond (PostgreSQL's precision);
  // absl::InfiniteFuture() and InfinitePast() are 'infinity' and '-infinity'.
  Params& Add(absl::Time time);
  Params& Add(absl::CivilDay day);           // date
  Params& AddBytes(std::string_view bytes);  // bytea, any bytes including zeros
  Params& AddNull(unsigned type_oid = kUnknownOid);
  // NULL of T's type when `value` is empty.
  template <typename T>
  Params& Add(const std::optional<T>& value) {
    if (value.has_value()) return Add(*value);
    Add(T{});
    values_.back().reset();
    return *this;
  }
  Params& AddOptionalBytes(const std::optional<std::string>& bytes) {
    return bytes.has_value() ? AddBytes(*bytes) : AddNull(kByteaOid);
  }

  int size() const { return static_cast<int>(values_.size()); }
  // The first unusable value's error, or OK.
  const absl::Status& error() const { return error_; }
  // For PQexecParams: per parameter its type OID and its text (null for NULL).
  const std::vector<unsigned>& types() const { return types_; }
  std::vector<const char*> values() const;

 private:
  Params& Append(unsigned type_oid, std::string text);
  void Fail(std::string_view why);

  std::vector<unsigned> types_;
  std::vector<std::optional<std::string>> values_;
  absl::Status error_;
};

// "$first, $first+1, ..., $last": the placeholders of one row of a VALUES list or a SET (...)
// list.
std::string Placeholders(int first, int last);

}  // namespace redress::pg
