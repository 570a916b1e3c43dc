// Field checks for request validation: text lengths in code points, UTF-8, emails, phones, dates
// and the PersonalDetails rules of redress.common.v1.

#include "common/validation.h"

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace redress {
namespace {

constexpr size_t kMaxEmail = 254;
constexpr size_t kMaxPhone = 20;
constexpr size_t kMaxRequestId = 64;
constexpr size_t kMaxAddressLines = 4;

// Length in bytes of the UTF-8 sequence starting at text[i], or 0 when it is not a valid,
// shortest-form encoding of a scalar value (no surrogates, nothing above U+10FFFF).
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  const auto byte = [&text](size_t j) { return static_cast<uint8_t>(text[j]); };
  const uint8_t lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length;
  uint8_t min_second = 0x80;
  uint8_t max_second = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) min_second = 0xA0;  // overlong
    if (lead == 0xED) max_second = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) min_second = 0x90;  // overlong
    if (lead == 0xF4) max_second = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < min_second || byte(i + 1) > max_second) return 0;
  for (size_t j = i + 2; j < i + length; ++j) {
    if ((byte(j) & 0xC0) != 0x80) return 0;
  }
  return length;
}

std::string AtMost(size_t max_chars) {
  return absl::StrCat("must be at most ", max_chars, max_chars == 1 ? " character" : " characters");
}

// Valid UTF-8 of at most `max_chars` code points; adds the violation otherwise.
bool CheckTextShape(FieldViolations& v, const std::string& field, std::string_view value,
                    size_t max_chars) {
  if (!IsValidUtf8(value)) {
    v.Add(field, "is not valid UTF-8");
    return false;
  }
  if (Utf8Length(value) > max_chars) {
    v.Add(field, AtMost(max_chars));
    return false;
  }
  return true;
}

bool HasSpaceOrControl(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) return true;
  }
  return false;
}

// A domain with at least one dot, no empty labels, and no dot at either end.
bool IsValidEmailDomain(std::string_view domain) {
  if (domain.empty() || domain.find('.') == std::string_view::npos) return false;
  if (domain.front() == '.' || domain.back() == '.') return false;
  return domain.find("..") == std::string_view::npos;
}

bool CheckEmail(FieldViolations& v, const std::string& field, std::string_view email) {
  if (email.empty()) return true;
  if (!CheckTextShape(v, field, email, kMaxEmail)) return false;
  if (!IsValidEmail(email)) {
    v.Add(field, "is not an email address (expected local@domain)");
    return false;
  }
  return true;
}

bool CheckPhone(FieldViolations& v, const std::string& field, std::string_view phone) {
  if (phone.empty()) return true;
  if (!CheckTextShape(v, field, phone, kMaxPhone)) return false;
  if (!IsValidPhone(phone)) {
    v.Add(field,
          "is not a telephone number (expected 7 to 15 digits, an optional leading '+', and "
          "spaces, brackets or hyphens)");
    return false;
  }
  return true;
}

void CheckPostalAddress(FieldViolations& v, const std::string& field,
                        const PostalAddress& address) {
  if (address.lines.size() > kMaxAddressLines) {
    v.Add(field + ".lines", absl::StrCat("must have at most ", kMaxAddressLines, " lines"));
  }
  for (size_t i = 0; i < address.lines.size(); ++i) {
    CheckOptionalText(v, absl::StrCat(field, ".lines[", i, "]"), address.lines[i], 200);
  }
  CheckOptionalText(v, field + ".locality", address.locality, 100);
  CheckOptionalText(v, field + ".postal_code", address.postal_code, 16);
  CheckOptionalText(v, field + ".country", address.country, 100);
}

}  // namespace

size_t Utf8Length(std::string_view text) {
  size_t length = 0;
  for (char c : text) {
    if ((static_cast<uint8_t>(c) & 0xC0) != 0x80) ++length;  // not a continuation byte
  }
  return length;
}

bool IsValidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

bool CheckRequiredText(FieldViolations& v, const std::string& field, std::string_view value,
                       size_t max_chars) {
  if (absl::StripAsciiWhitespace(absl::string_view(value.data(), value.size())).empty()) {
    v.Add(field, "is required");
    return false;
  }
  return CheckTextShape(v, field, value, max_chars);
}

bool CheckOptionalText(FieldViolations& v, const std::string& field, std::string_view value,
                       size_t max_chars) {
  return value.empty() || CheckTextShape(v, field, value, max_chars);
}

bool CheckRequestId(FieldViolations& v, const std::string& field, std::string_view value) {
  if (value.empty()) {
    v.Add(field, "is required");
    return false;
  }
  if (value.size() > kMaxRequestId) {
    v.Add(field, AtMost(kMaxRequestId));
    return false;
  }
  for (char c : value) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') {
      v.Add(field, "must contain only letters A-Z and a-z, digits, '_' and '-'");
      return false;
    }
  }
  return true;
}

bool IsValidEmail(std::string_view email) {
  if (HasSpaceOrControl(email) || !IsValidUtf8(email) || Utf8Length(email) > kMaxEmail) {
    return false;
  }
  const size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0) return false;
  if (email.find('@', at + 1) != std::string_view::npos) return false;
  return IsValidEmailDomain(email.substr(at + 1));
}

bool IsValidPhone(std::string_view phone) {
  if (phone.empty() || phone.size() > kMaxPhone) return false;
  int digits = 0;
  for (size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (c == '+') {
      if (i != 0) return false;
    } else if (c != ' ' && c != '(' && c != ')' && c != '-') {
      return false;
    }
  }
  return digits >= 7 && digits <= 15;
}

bool CheckNotInFuture(FieldViolations& v, const std::string& field,
                      const std::optional<absl::CivilDay>& date, absl::CivilDay today) {
  if (date.has_value() && *date > today) {
    v.Add(field, "must not be in the future");
    return false;
  }
  return true;
}

void CheckPersonalDetails(FieldViolations& v, const std::string& field,
                          const PersonalDetails& details, bool title_required,
                          absl::CivilDay today) {
  if (title_required) {
    CheckRequiredText(v, field + ".title", details.title, 20);
  } else {
    CheckOptionalText(v, field + ".title", details.title, 20);
  }
  CheckOptionalText(v, field + ".given_name", details.given_name, 100);
  CheckRequiredText(v, field + ".family_name", details.family_name, 100);
  CheckEmail(v, field + ".email", details.email);
  CheckPhone(v, field + ".phone", details.phone);
  CheckPostalAddress(v, field + ".postal_address", details.postal_address);
  CheckNotInFuture(v, field + ".date_of_birth", details.date_of_birth, today);
}

}  // namespace redress
