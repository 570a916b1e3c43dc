#include "common/store/postgres/result.h"

#include <libpq-fe.h>

#include <algorithm>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/store/postgres/params.h"

namespace redress::pg {
namespace {

// Our Abseil is built with its own string_view type; our interfaces use std::string_view.
absl::string_view AsAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

constexpr unsigned kNameOid = 19;
constexpr unsigned kUnknownLiteralOid = 705;  // an untyped literal: SELECT 'x'

absl::Status ColumnError(std::string_view column, std::string_view problem) {
  return absl::InternalError(absl::StrCat("column \"", AsAbsl(column), "\" ", AsAbsl(problem)));
}

}  // namespace

void Result::Clear::operator()(pg_result* result) const { PQclear(result); }

Result::Result(pg_result* result) : result_(result) {}
Result::~Result() = default;
Result::Result(Result&&) noexcept = default;
Result& Result::operator=(Result&&) noexcept = default;

int Result::rows() const { return PQntuples(result_.get()); }

Row Result::row(int index) const { return Row(result_.get(), index); }

absl::StatusOr<std::vector<std::string>> Result::Texts(std::string_view column) const {
  std::vector<std::string> texts;
  for (int i = 0; i < rows(); ++i) {
    absl::StatusOr<std::string> text = row(i).Text(column);
    if (!text.ok()) return text.status();
    texts.push_back(*std::move(text));
  }
  return texts;
}

int64_t Result::affected_rows() const {
  int64_t count = 0;
  // Empty for commands that affect no rows (CREATE, BEGIN, ...).
  return absl::SimpleAtoi(PQcmdTuples(result_.get()), &count) ? count : 0;
}

// --- Row. ---

int Row::Index(std::string_view column) const {
  // Quoted, so that PQfnumber matches the name exactly rather than folding it to lower case.
  return PQfnumber(
      result_,
      absl::StrCat("\"", absl::StrReplaceAll(AsAbsl(column), {{"\"", "\"\""}}), "\"").c_str());
}

bool Row::IsNull(std::string_view column) const {
  const int index = Index(column);
  return index >= 0 && PQgetisnull(result_, row_, index) == 1;
}

absl::Status Row::NullError(std::string_view column) { return ColumnError(column, "is NULL"); }

absl::StatusOr<int> Row::Checked(std::string_view column, std::initializer_list<unsigned> oids,
                                 std::string_view wanted) const {
  const int index = Index(column);
  if (index < 0) return ColumnError(column, "is not in the result");
  const unsigned type = PQftype(result_, index);
  if (std::find(oids.begin(), oids.end(), type) == oids.end()) {
    return ColumnError(column, absl::StrCat("has type oid ", type, ", not ", AsAbsl(wanted)));
  }
  return index;
}

std::optional<std::string_view> Row::Value(int index) const {
  if (PQgetisnull(result_, row_, index) == 1) return std::nullopt;
  return std::string_view(PQgetvalue(result_, row_, index), PQgetlength(result_, row_, index));
}

absl::StatusOr<std::optional<int64_t>> Row::OptionalInt64(std::string_view column) const {
  absl::StatusOr<int> index = Checked(column, {kInt2Oid, kInt4Oid, kInt8Oid}, "an integer");
  if (!index.ok()) return index.status();
  const std::optional<std::string_view> text = Value(*index);
  if (!text.has_value()) return std::nullopt;
  int64_t value = 0;
  if (!absl::SimpleAtoi(AsAbsl(*text), &value)) return ColumnError(column, "is not an integer");
  return value;
}

absl::StatusOr<std::optional<bool>> Row::OptionalBool(std::string_view column) const {
  absl::StatusOr<int> index = Checked(column, {kBoolOid}, "bool");
  if (!index.ok()) return index.status();
  const std::optional<std::string_view> text = Value(*index);
  if (!text.has_value()) return std::nullopt;
  if (*text == "t") return true;
  if (*text == "f") return false;
  return ColumnError(column, "is not a bool");
}

absl::StatusOr<std::optional<std::string>> Row::OptionalText(std::string_view column) const {
  absl::StatusOr<int> index = Checked(column,
                                      {kTextOid, kVarcharOid, kBpcharOid, kNameOid, kJsonOid,
                                       kJsonbOid, kUuidOid, kUnknownLiteralOid},
                                      "text");
  if (!index.ok()) return index.status();
  const std::optional<std::string_view> text = Value(*index);
  if (!text.has_value()) return std::nullopt;
  return std::string(*text);
}

absl::StatusOr<std::optional<std::string>> Row::OptionalBytes(std::string_view column) const {
  absl::StatusOr<int> index = Checked(column, {kByteaOid}, "bytea");
  if (!index.ok()) return index.status();
  const std::optional<std::string_view> text = Value(*index);
  if (!text.has_value()) return std::nullopt;
  size_t length = 0;
  // PQgetvalue's text is NUL-terminated, as PQunescapeBytea needs.
  unsigned char* bytes =
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(text->data()), &length);
  if (bytes == nullptr) return ColumnError(column, "could not be unescaped");
  std::string value(reinterpret_cast<const char*>(bytes), length);
  PQfreemem(bytes);
  return value;
}

absl::StatusOr<std::optional<absl::Time>> Row::OptionalTime(std::string_view column) const {
  absl::StatusOr<int> index = Checked(column, {kTimestampTzOid}, "timestamptz");
  if (!index.ok()) return index.status();
  const std::optional<std::string_view> text = Value(*index);
  if (!text.has_value()) return std::nullopt;
  if (*text == "infinity") return absl::InfiniteFuture();
  if (*text == "-infinity") return absl::InfinitePast();
  absl::Time time;
  std::string ignored;
  // ISO DateStyle: "2024-01-02 03:04:05.123456+00", the offset as +hh, +hh:mm or +hh:mm:ss.
  if (!absl::ParseTime("%Y-%m-%d %H:%M:%E*S%Ez", AsAbsl(*text), &time, &ignored)) {
    return ColumnError(column, "is not an ISO timestamp (is DateStyle ISO?)");
  }
  return time;
}

absl::StatusOr<std::optional<absl::CivilDay>> Row::OptionalDay(std::string_view column) const {
  absl::StatusOr<int> index = Checked(column, {kDateOid}, "date");
  if (!index.ok()) return index.status();
  const std::optional<std::string_view> text = Value(*index);
  if (!text.has_value()) return std::nullopt;
  absl::CivilDay day;
  if (!absl::ParseCivilTime(AsAbsl(*text), &day)) {
    return ColumnError(column, "is not an ISO date (is DateStyle ISO?)");
  }
  return day;
}

}  // namespace redress::pg
