// Statement (sqlite.h): binding parameters, stepping, and reading columns.
#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/store/sqlite/sqlite.h"

namespace redress {

// A live statement is listed in its Connection's statements_ (by address, kept current across
// moves), so that Commit() can finish it before another thread gets the connection.
Statement::Statement(Connection* connection, sqlite3_stmt* stmt, bool* in_use)
    : connection_(connection), stmt_(stmt), in_use_(in_use) {
  connection_->statements_.push_back(this);
}

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)),
      bind_error_(std::move(other.bind_error_)) {
  if (stmt_ == nullptr) return;
  std::vector<Statement*>& live = connection_->statements_;
  std::replace(live.begin(), live.end(), &other, this);
}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  Finish();
  std::vector<Statement*>& live = connection_->statements_;
  auto it = std::find(live.begin(), live.end(), this);
  if (it != live.end()) live.erase(it);
}

void Statement::Finish() {
  if (in_use_ == nullptr) {
    sqlite3_finalize(stmt_);
  } else {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_ = false;
  }
  stmt_ = nullptr;
  in_use_ = nullptr;
}

void Statement::RememberBindError(int rc, int index) {
  // A finished statement's binds fail harmlessly (SQLITE_MISUSE); Step() says why.
  if (stmt_ == nullptr) return;
  if (rc != SQLITE_OK && bind_error_.ok()) {
    bind_error_ =
        SqliteStatus(connection_->handle_->db, rc, absl::StrCat("binding parameter ", index));
  }
}

Statement& Statement::Bind(int index, int64_t value) {
  RememberBindError(sqlite3_bind_int64(stmt_, index, value), index);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  // SQLite binds NULL for a null pointer; an empty string_view may have one, and means "".
  const char* data = text.data() != nullptr ? text.data() : "";
  RememberBindError(
      sqlite3_bind_text64(stmt_, index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  // A zero-length blob from a null pointer would bind NULL; bind an empty blob instead.
  RememberBindError(bytes.empty() ? sqlite3_bind_zeroblob(stmt_, index, 0)
                                  : sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(),
                                                        SQLITE_TRANSIENT),
                    index);
  return *this;
}

Statement& Statement::BindNull(int index) {
  RememberBindError(sqlite3_bind_null(stmt_, index), index);
  return *this;
}

absl::StatusOr<std::vector<std::string>> Statement::TextsOfFirstColumn() {
  std::vector<std::string> texts;
  while (true) {
    absl::StatusOr<bool> has_row = Step();
    if (!has_row.ok()) return has_row.status();
    if (!*has_row) return texts;
    texts.push_back(ColumnText(0));
  }
}

absl::StatusOr<bool> Statement::Step() {
  if (stmt_ == nullptr) {
    return absl::FailedPreconditionError("a statement stepped after its transaction's Commit()");
  }
  RETURN_IF_ERROR(bind_error_);
  SqliteDb* db = connection_->db_;
  if (db != nullptr) RETURN_IF_ERROR(db->BeforeStatement(*connection_));
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  absl::Status status =
      SqliteStatus(connection_->handle_->db, rc, absl::StrCat("running ", sqlite3_sql(stmt_)));
  if (db != nullptr) db->ObserveWrite(status);
  return status;
}

absl::Status Statement::Run() {
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, Step());
    if (!has_row) return absl::OkStatus();
  }
}

void Statement::Reset() { sqlite3_reset(stmt_); }

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int Statement::ColumnCount() const { return sqlite3_column_count(stmt_); }

std::string Statement::ColumnName(int column) const {
  if (stmt_ == nullptr) return std::string();  // sqlite3_column_name does not take null
  const char* name = sqlite3_column_name(stmt_, column);
  return name == nullptr ? std::string() : std::string(name);
}

int64_t Statement::ColumnInt64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::ColumnText(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return std::string();
  return std::string(text, sqlite3_column_bytes(stmt_, column));
}

std::string Statement::ColumnBlob(int column) const {
  const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  if (bytes == nullptr) return std::string();
  return std::string(bytes, sqlite3_column_bytes(stmt_, column));
}

std::optional<int64_t> Statement::ColumnOptionalInt64(int column) const {
  if (IsNull(column)) return std::nullopt;
  return ColumnInt64(column);
}

std::optional<std::string> Statement::ColumnOptionalText(int column) const {
  if (IsNull(column)) return std::nullopt;
  return ColumnText(column);
}

}  // namespace redress
