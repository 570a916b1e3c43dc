// The rows a statement returned, read by column name with typed accessors. A column that is
// missing, NULL where a value is required, or of another type is an INTERNAL error Status naming
// the column (a mismatch between the store's SQL and its schema), never a crash.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

struct pg_result;

namespace redress::pg {

class Row;

// A successful command's result. Movable, not copyable. Values are in PostgreSQL's text format;
// the accessors parse them. Timestamps and dates are parsed in the ISO DateStyle (PostgreSQL's
// default; a server configured otherwise fails the Time and Day accessors).
class Result {
 public:
  explicit Result(pg_result* result);  // takes ownership; REQUIRES: not null
  ~Result();
  Result(Result&&) noexcept;
  Result& operator=(Result&&) noexcept;

  int rows() const;
  // The row at `index`. REQUIRES: 0 <= index < rows(); the Row does not outlive this Result.
  Row row(int index) const;
  // Rows inserted, updated or deleted by the command (0 for other commands).
  int64_t affected_rows() const;
  // The text `column` of every row, in order (Row::Text: an error for NULL or another type).
  absl::StatusOr<std::vector<std::string>> Texts(std::string_view column) const;

 private:
  struct Clear {
    void operator()(pg_result* result) const;
  };
  std::unique_ptr<pg_result, Clear> result_;
};

// One row of a Result. Each accessor checks the column's type whether or not the value is NULL.
class Row {
 public:
  bool IsNull(std::string_view column) const;  // false for a missing column

  // int2, int4 and int8 columns.
  absl::StatusOr<int64_t> Int64(std::string_view column) const {
    return Required(column, OptionalInt64(column));
  }
  // bool columns.
  absl::StatusOr<bool> Bool(std::string_view column) const {
    return Required(column, OptionalBool(column));
  }
  // text, varchar, char, name, json, jsonb and uuid columns, and untyped literals. Cast other
  // types to text in the SQL (`state::text`).
  absl::StatusOr<std::string> Text(std::string_view column) const {
    return Required(column, OptionalText(column));
  }
  // bytea columns, unescaped: the bytes as stored.
  absl::StatusOr<std::string> Bytes(std::string_view column) const {
    return Required(column, OptionalBytes(column));
  }
  // timestamptz columns; 'infinity' and '-infinity' are absl::InfiniteFuture() and InfinitePast().
  absl::StatusOr<absl::Time> Time(std::string_view column) const {
    return Required(column, OptionalTime(column));
  }
  // date columns.
  absl::StatusOr<absl::CivilDay> Day(std::string_view column) const {
    return Required(column, OptionalDay(column));
  }

  // The same, with NULL as an empty optional.
  absl::StatusOr<std::optional<int64_t>> OptionalInt64(std::string_view column) const;
  absl::StatusOr<std::optional<bool>> OptionalBool(std::string_view column) const;
  absl::StatusOr<std::optional<std::string>> OptionalText(std::string_view column) const;
  absl::StatusOr<std::optional<std::string>> OptionalBytes(std::string_view column) const;
  absl::StatusOr<std::optional<absl::Time>> OptionalTime(std::string_view column) const;
  absl::StatusOr<std::optional<absl::CivilDay>> OptionalDay(std::string_view column) const;

 private:
  friend class Result;
  Row(const pg_result* result, int row) : result_(result), row_(row) {}

  int Index(std::string_view column) const;  // -1 when missing
  // The column's index, checked to be of one of `oids`' types (described as `wanted`).
  absl::StatusOr<int> Checked(std::string_view column, std::initializer_list<unsigned> oids,
                              std::string_view wanted) const;
  // The text of the value at `index`; null when it is NULL.
  std::optional<std::string_view> Value(int index) const;
  static absl::Status NullError(std::string_view column);
  template <typename T>
  static absl::StatusOr<T> Required(std::string_view column,
                                    absl::StatusOr<std::optional<T>> value) {
    if (!value.ok()) return value.status();
    if (!value->has_value()) return NullError(column);
    return **std::move(value);
  }

  const pg_result* result_;
  int row_;
};

}  // namespace redress::pg
