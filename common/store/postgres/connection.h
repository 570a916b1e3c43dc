// One libpq connection to PostgreSQL (or a PostgreSQL-compatible server, or PgBouncer in front of
// either). Statements run with PQexecParams as the unnamed statement, with every value a text
// parameter; nothing is ever prepared under a name, and no session state is set, so connections
// work through PgBouncer in transaction-pooling mode.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/store/postgres/params.h"
#include "common/store/postgres/result.h"

struct pg_conn;

namespace redress::pg {

struct ConnectOptions {
  // How long opening a connection may take, per host of the URL (libpq's connect_timeout, in
  // whole seconds, at least 2). The URL's own connect_timeout wins.
  absl::Duration connect_timeout = absl::Seconds(5);
  // How long sent data may stay unacknowledged before the connection counts as lost (TCP
  // tcp_user_timeout), so that a statement on a dead network fails instead of hanging. The URL's
  // own tcp_user_timeout wins.
  absl::Duration tcp_user_timeout = absl::Seconds(30);
  // application_name, unless the URL sets one; shows in pg_stat_activity.
  std::string application_name = "redress";
};

// OK if `url` parses as a libpq connection URI or key=value string; INVALID_ARGUMENT otherwise.
// Connects to nothing.
absl::Status CheckDatabaseUrl(const std::string& url);

// Thread-compatible: one thread at a time (the pool hands a connection to one user at a time).
class Connection {
 public:
  // Connects to `url`: a libpq URI or key=value string, including the multi-host form
  // ("postgresql://h1:5432,h2:5432/db?target_session_attrs=read-write") with which a new
  // connection finds the current primary by itself after a failover. The client encoding is
  // UTF8. INVALID_ARGUMENT for a malformed URL; UNAVAILABLE when no server accepts the
  // connection; FAILED_PRECONDITION when the server's DateStyle is not ISO (Result's time
  // accessors need it). Messages never quote the URL (it may hold a password).
  static absl::StatusOr<std::unique_ptr<Connection>> Open(const std::string& url,
                                                          const ConnectOptions& options = {});
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one SQL statement with `params` as $1, $2, ... (unnamed statement, text-format values).
  // Failures map through ResultErrorStatus, except that on a hot standby 0A000 (its refusal of a
  // SERIALIZABLE or READ WRITE transaction) is UNAVAILABLE like 25006 and breaks the connection:
  // it is not on the primary. A Params error is returned without running anything.
  absl::StatusOr<Result> Execute(std::string_view sql, const Params& params = {});
  // Runs `sql`, which may hold several statements and takes no parameters (simple query
  // protocol): migrations, BEGIN, COMMIT. The result is the last statement's.
  absl::StatusOr<Result> ExecuteScript(std::string_view sql);

  // Whether the connection can no longer be used as the pool hands it out: the server closed it,
  // a command failed so that the session is gone (SessionLost), or an earlier failure left it in
  // an unknown state. A broken connection fails every further command with UNAVAILABLE.
  bool broken() const { return broken_; }
  // Whether a transaction block is open (or failed and not yet rolled back).
  bool in_transaction() const;
  // Whether a statement failed in the open transaction block, which the server now rejects every
  // statement of until ROLLBACK.
  bool in_failed_transaction() const;
  // The SQLSTATE of the first command that failed in the current transaction block (or, outside
  // one, of the last command if it failed); empty if none did.
  const std::string& transaction_failure() const { return transaction_failure_; }

  // For a connection that has been idle: whether it still looks usable, checked without a round
  // trip. A server that ends a session (shutdown, crash, failover, idle timeout, terminated
  // backend) sends a message or closes the socket; an idle session otherwise receives nothing.
  // So any input waiting on an idle connection marks it broken. A peer that vanished without
  // closing the socket is not detected here: the next command fails and the pool replaces it.
  bool CheckIdle();

  // The server process serving this session (PgBouncer's, through PgBouncer).
  int backend_pid() const;

 private:
  explicit Connection(pg_conn* conn) : conn_(conn) {}
  absl::StatusOr<Result> Finish(pg_result* result, std::string_view sql);
  void StartCommand();
  bool OnHotStandby() const;

  pg_conn* const conn_;
  bool broken_ = false;
  std::string transaction_failure_;
};

}  // namespace redress::pg
