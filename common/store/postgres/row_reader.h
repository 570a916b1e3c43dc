// RowReader: reads many columns of one pg::Row into a struct without an error check per field.
// Each accessor returns the value, or a default after the first failure (a missing column, a NULL
// where a value is required, a type mismatch), and status() reports that first failure. A store
// reads every field, then returns status() if it is not OK.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/store/postgres/result.h"

namespace redress::pg {

class RowReader {
 public:
  // REQUIRES: the Result of `row` outlives this reader.
  explicit RowReader(Row row) : row_(row) {}

  std::string Text(std::string_view column) { return Take(row_.Text(column)); }
  std::string Bytes(std::string_view column) { return Take(row_.Bytes(column)); }
  int64_t Int64(std::string_view column) { return Take(row_.Int64(column)); }
  int Int(std::string_view column) { return static_cast<int>(Int64(column)); }
  bool Bool(std::string_view column) { return Take(row_.Bool(column)); }
  absl::Time Time(std::string_view column) { return Take(row_.Time(column)); }
  absl::CivilDay Day(std::string_view column) { return Take(row_.Day(column)); }
  // An enum kept as its number.
  template <typename Enum>
  Enum EnumValue(std::string_view column) {
    return static_cast<Enum>(Int64(column));
  }
  std::optional<std::string> OptionalText(std::string_view column) {
    return Take(row_.OptionalText(column));
  }
  std::optional<absl::Time> OptionalTime(std::string_view column) {
    return Take(row_.OptionalTime(column));
  }
  std::optional<absl::CivilDay> OptionalDay(std::string_view column) {
    return Take(row_.OptionalDay(column));
  }

  // OK, or the first failure of an accessor.
  const absl::Status& status() const { return status_; }

 private:
  template <typename T>
  T Take(absl::StatusOr<T> value) {
    if (value.ok()) return *std::move(value);
    if (status_.ok()) status_ = value.status();
    return T{};
  }

  const Row row_;
  absl::Status status_;
};

}  // namespace redress::pg
