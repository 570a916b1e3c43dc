// A small recursive-descent parser for List filters: `term (AND term)*`, term = `field op value`.

#include "common/list_filter.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/validation.h"

namespace redress {
namespace {

// Our Abseil is built with its own string_view type; our interfaces use std::string_view.
absl::string_view AsAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

bool IsIdentifierChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
}

// Characters of an unquoted value: enum names, numbers, booleans, dates and timestamps.
bool IsBareValueChar(char c) { return IsIdentifierChar(c) || c == '-' || c == '+' || c == ':'; }

// [a-z_][a-z0-9_.]*
bool IsFieldName(std::string_view word) {
  if (word.empty() || !(absl::ascii_islower(word[0]) || word[0] == '_')) return false;
  for (char c : word) {
    if (!(absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '_' || c == '.')) return false;
  }
  return true;
}

class FilterParser {
 public:
  FilterParser(std::string_view text, std::string_view field_name)
      : text_(text), field_name_(field_name) {}

  absl::StatusOr<std::vector<FilterTerm>> Parse() {
    std::vector<FilterTerm> terms;
    SkipSpace();
    while (!AtEnd()) {
      if (!terms.empty()) RETURN_IF_ERROR(ParseAnd());
      FilterTerm term;
      ASSIGN_OR_RETURN(term.field, ParseField());
      ASSIGN_OR_RETURN(term.op, ParseOp());
      ASSIGN_OR_RETURN(term.value, ParseValue());
      terms.push_back(std::move(term));
      SkipSpace();
    }
    return terms;
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  void SkipSpace() {
    while (!AtEnd() && absl::ascii_isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  // The run of characters satisfying `pred` at the current position (possibly empty).
  template <typename Pred>
  std::string_view Take(Pred pred) {
    const size_t start = pos_;
    while (!AtEnd() && pred(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  // What the parser found at byte offset `at`, for error messages (Quoted, so bounded).
  std::string Found(size_t at) const {
    if (at >= text_.size()) return "end of filter";
    size_t end = at;
    while (end < text_.size() && IsBareValueChar(text_[end])) ++end;
    if (end == at) {  // one character, with its UTF-8 continuation bytes
      ++end;
      while (end < text_.size() && (static_cast<unsigned char>(text_[end]) & 0xC0) == 0x80) ++end;
    }
    return Quoted(text_.substr(at, end - at));
  }

  // INVALID_ARGUMENT on the filter field: "<what> at offset N<hint>" (offset in characters).
  absl::Status Error(size_t at, std::string_view what, std::string_view hint = "") const {
    return InvalidArgument(
        {{field_name_, absl::StrCat(AsAbsl(what), " at offset ", Utf8Length(text_.substr(0, at)),
                                    AsAbsl(hint))}});
  }
  absl::Status Expected(size_t at, std::string_view what) const {
    return InvalidArgument(
        {{field_name_, absl::StrCat("expected ", AsAbsl(what), " at offset ",
                                    Utf8Length(text_.substr(0, at)), ", found ", Found(at))}});
  }

  absl::Status ParseAnd() {
    const size_t at = pos_;
    const std::string_view word = Take(IsIdentifierChar);
    if (word == "AND") return absl::OkStatus();
    if (word == "and") return Expected(at, "AND (upper case)");
    if (word == "OR" || word == "NOT") return Expected(at, "AND (only AND is supported)");
    return Expected(at, "AND or the end of the filter");
  }

  absl::StatusOr<std::string> ParseField() {
    SkipSpace();
    const size_t at = pos_;
    const std::string_view word = Take(IsIdentifierChar);
    if (word.empty() || word == "AND") return Expected(at, "a field name");
    if (!IsFieldName(word)) {
      return Error(at, absl::StrCat(Quoted(word),
                                    " is not a field name (lower-case letters, digits, '_' "
                                    "and '.', starting with a letter or '_')"));
    }
    return std::string(word);
  }

  absl::StatusOr<FilterOp> ParseOp() {
    SkipSpace();
    static constexpr std::pair<std::string_view, FilterOp> kOps[] = {
        {"<=", FilterOp::kLe}, {">=", FilterOp::kGe}, {"!=", FilterOp::kNe},
        {"=", FilterOp::kEq},  {"<", FilterOp::kLt},  {">", FilterOp::kGt}};
    for (const auto& [name, op] : kOps) {
      if (text_.substr(pos_, name.size()) == name) {
        pos_ += name.size();
        return op;
      }
    }
    return Expected(pos_, "an operator (=, !=, <, <=, >, >=)");
  }

  absl::StatusOr<std::string> ParseValue() {
    SkipSpace();
    if (!AtEnd() && text_[pos_] == '"') return ParseQuoted();
    const size_t at = pos_;
    const std::string_view word = Take(IsBareValueChar);
    if (word.empty() || word == "AND") return Expected(at, "a value");
    return std::string(word);
  }

  // A "double-quoted" string with \" and \\ escapes; returns its unescaped content.
  absl::StatusOr<std::string> ParseQuoted() {
    const size_t start = pos_++;
    std::string value;
    while (!AtEnd()) {
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return value;
      }
      if (c == '\\') {
        if (pos_ + 1 >= text_.size()) break;
        const char escaped = text_[pos_ + 1];
        if (escaped != '"' && escaped != '\\') {
          return Error(pos_, "invalid escape", " (only \\\" and \\\\ are allowed in a string)");
        }
        value.push_back(escaped);
        pos_ += 2;
        continue;
      }
      value.push_back(c);
      ++pos_;
    }
    return Error(start, "unterminated string starting");
  }

  std::string_view text_;
  std::string field_name_;
  size_t pos_ = 0;
};

}  // namespace

absl::StatusOr<std::vector<FilterTerm>> ParseFilter(std::string_view filter,
                                                    std::string_view field_name) {
  return FilterParser(filter, field_name).Parse();
}

std::string_view FilterOpName(FilterOp op) {
  switch (op) {
    case FilterOp::kEq:
      return "=";
    case FilterOp::kNe:
      return "!=";
    case FilterOp::kLt:
      return "<";
    case FilterOp::kLe:
      return "<=";
    case FilterOp::kGt:
      return ">";
    case FilterOp::kGe:
      return ">=";
  }
  return "?";
}

bool NarrowDateRange(FilterOp op, absl::CivilDay day, std::optional<absl::CivilDay>& from,
                     std::optional<absl::CivilDay>& to) {
  auto raise_from = [&](absl::CivilDay f) { from = std::max(from.value_or(f), f); };
  auto lower_to = [&](absl::CivilDay t) { to = std::min(to.value_or(t), t); };
  switch (op) {
    case FilterOp::kEq:
      raise_from(day);
      lower_to(day);
      return true;
    case FilterOp::kLt:
      lower_to(day - 1);
      return true;
    case FilterOp::kLe:
      lower_to(day);
      return true;
    case FilterOp::kGt:
      raise_from(day + 1);
      return true;
    case FilterOp::kGe:
      raise_from(day);
      return true;
    case FilterOp::kNe:
      return false;
  }
  return false;
}

}  // namespace redress
