#include "common/store/postgres/connection.h"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/status_macros.h"
#include "common/store/postgres/status.h"

namespace redress::pg {
namespace {

// libpq's multi-line messages ("...failed: Connection refused\n\tIs the server running...") as
// one line.
std::string OneLine(const char* text) {
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n', absl::SkipWhitespace());
  for (absl::string_view& line : lines) line = absl::StripAsciiWhitespace(line);
  return absl::StrJoin(lines, " ");
}

// The start of `sql` with runs of white space collapsed, to say which statement failed. SQL text
// is the store's own (values travel as parameters), so it holds no personal data.
std::string Abbreviated(std::string_view sql) {
  std::string text;
  bool space = false;
  for (char c : sql) {
    if (text.size() >= 80) return absl::StrCat(text, "...");
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      space = !text.empty();
      continue;
    }
    if (space) text.push_back(' ');
    space = false;
    text.push_back(c);
  }
  return text;
}

void DiscardNotice(void*, const char*) {}

}  // namespace

absl::Status CheckDatabaseUrl(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    std::string message = error != nullptr ? OneLine(error) : "out of memory";
    PQfreemem(error);
    return absl::InvalidArgumentError(absl::StrCat("invalid database URL: ", message));
  }
  PQconninfoFree(options);
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(const std::string& url,
                                                             const ConnectOptions& options) {
  RETURN_IF_ERROR(CheckDatabaseUrl(url));
  const std::string connect_timeout =
      absl::StrCat(std::max<int64_t>(2, std::ceil(absl::ToDoubleSeconds(options.connect_timeout))));
  const std::string tcp_user_timeout =
      absl::StrCat(absl::ToInt64Milliseconds(options.tcp_user_timeout));
  // Entries before "dbname" are defaults that the expanded URL overrides (PQconnectdbParams).
  const char* const keywords[] = {"client_encoding",
                                  "connect_timeout",
                                  "keepalives",
                                  "keepalives_idle",
                                  "keepalives_interval",
                                  "keepalives_count",
                                  "tcp_user_timeout",
                                  "fallback_application_name",
                                  "dbname",
                                  nullptr};
  const char* const values[] = {"UTF8",
                                connect_timeout.c_str(),
                                "1",
                                "30",
                                "10",
                                "3",
                                tcp_user_timeout.c_str(),
                                options.application_name.c_str(),
                                url.c_str(),
                                nullptr};
  pg_conn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn == nullptr) return absl::ResourceExhaustedError("out of memory opening a connection");
  std::unique_ptr<Connection> connection(new Connection(conn));
  if (PQstatus(conn) != CONNECTION_OK) {
    return SqlStateStatus("", "connecting to the database", OneLine(PQerrorMessage(conn)));
  }
  PQsetNoticeProcessor(conn, DiscardNotice, nullptr);  // notices may quote values
  const char* date_style = PQparameterStatus(conn, "DateStyle");
  if (date_style == nullptr || !absl::StartsWith(date_style, "ISO")) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the database server's DateStyle is \"", date_style == nullptr ? "" : date_style,
        "\"; Redress reads times in the ISO style (set DateStyle = 'ISO, MDY')"));
  }
  return connection;
}

Connection::~Connection() { PQfinish(conn_); }

void Connection::StartCommand() {
  if (!in_transaction()) transaction_failure_.clear();
}

absl::StatusOr<Result> Connection::Execute(std::string_view sql, const Params& params) {
  RETURN_IF_ERROR(params.error());
  if (broken_) return absl::UnavailableError("the database connection was lost");
  StartCommand();
  const std::string text(sql);
  const std::vector<const char*> values = params.values();
  return Finish(PQexecParams(conn_, text.c_str(), params.size(), params.types().data(),
                             values.data(), /*paramLengths=*/nullptr, /*paramFormats=*/nullptr,
                             /*resultFormat=*/0),
                sql);
}

absl::StatusOr<Result> Connection::ExecuteScript(std::string_view sql) {
  if (broken_) return absl::UnavailableError("the database connection was lost");
  StartCommand();
  return Finish(PQexec(conn_, std::string(sql).c_str()), sql);
}

absl::StatusOr<Result> Connection::Finish(pg_result* result, std::string_view sql) {
  const ExecStatusType status = result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Result(result);
  std::unique_ptr<pg_result, void (*)(pg_result*)> owned(result, PQclear);
  absl::Status error;
  const std::string context = absl::StrCat("running \"", Abbreviated(sql), "\"");
  if (status == PGRES_EMPTY_QUERY) {
    error = absl::InvalidArgumentError(absl::StrCat(context, ": no statement"));
  } else if (status != PGRES_FATAL_ERROR && status != PGRES_NONFATAL_ERROR) {
    // COPY and the like, which this layer does not drive: the session's state is now unknown.
    broken_ = true;
    error = absl::InvalidArgumentError(
        absl::StrCat(context, ": unsupported result ", PQresStatus(status)));
  } else {
    error = ResultErrorStatus(conn_, result, context);
  }
  const std::string sqlstate = SqlStateOf(error).value_or("");
  if (transaction_failure_.empty()) transaction_failure_ = sqlstate;
  if (result == nullptr || PQstatus(conn_) != CONNECTION_OK || SessionLost(sqlstate)) {
    broken_ = true;
  }
  if (sqlstate == "0A000" && OnHotStandby()) {
    // A hot standby refuses to begin a SERIALIZABLE or READ WRITE transaction with 0A000
    // feature_not_supported rather than 25006: either way the session is on a standby, not the
    // primary, so it is UNAVAILABLE and replaced, as for 25006.
    absl::Status unavailable(absl::StatusCode::kUnavailable, error.message());
    error.ForEachPayload([&](absl::string_view url, const absl::Cord& payload) {
      unavailable.SetPayload(url, payload);
    });
    error = unavailable;
    broken_ = true;
  }
  return error;
}

bool Connection::OnHotStandby() const {
  // Reported by PostgreSQL 14 and later at connection and whenever it changes (promotion).
  const char* in_hot_standby = PQparameterStatus(conn_, "in_hot_standby");
  return in_hot_standby != nullptr && std::string_view(in_hot_standby) == "on";
}

bool Connection::in_transaction() const {
  const PGTransactionStatusType status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

bool Connection::in_failed_transaction() const {
  return PQtransactionStatus(conn_) == PQTRANS_INERROR;
}

bool Connection::CheckIdle() {
  if (broken_ || PQstatus(conn_) != CONNECTION_OK || PQtransactionStatus(conn_) != PQTRANS_IDLE) {
    broken_ = true;
    return false;
  }
  pollfd descriptor{PQsocket(conn_), POLLIN, 0};
  const int ready = poll(&descriptor, 1, /*timeout=*/0);
  if (ready != 0) {
    // Input (a termination notice, end of file) or an error on an idle session: it is ending.
    broken_ = true;
    return false;
  }
  return true;
}

int Connection::backend_pid() const { return PQbackendPID(conn_); }

}  // namespace redress::pg
