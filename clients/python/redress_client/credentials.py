"""Channel credentials from the environment: the convention every Redress client follows.

    REDRESS_CA_FILE     PEM CA bundle. Set: TLS, the server verified against it. Unset: plaintext,
                        which only an insecure development server accepts.
    REDRESS_TOKEN       a bearer token (the JWT itself), or
    REDRESS_TOKEN_FILE  a file holding it (surrounding whitespace trimmed); not both. Sent as
                        "authorization: Bearer <token>" on every call; needs REDRESS_CA_FILE.

An empty value counts as unset. A bad configuration raises ConfigurationError, naming the
variable, before any call.
"""

import os

import grpc

CA_FILE = "REDRESS_CA_FILE"
TOKEN = "REDRESS_TOKEN"
TOKEN_FILE = "REDRESS_TOKEN_FILE"


class ConfigurationError(ValueError):
    """REDRESS_CA_FILE, REDRESS_TOKEN or REDRESS_TOKEN_FILE cannot be used; the message says why."""


def _read(variable, path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise ConfigurationError(f'{variable} "{path}": cannot read: {e.strerror}') from None


def _checked(variable, token):
    # A header value holds no line breaks or control characters, and a JWT no spaces: a space
    # means a mistake such as "Bearer " pasted into the variable.
    if any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7f for c in token):
        raise ConfigurationError(f"{variable}: the token contains whitespace or control characters")
    return token


def bearer_token(environ=None):
    """The token of REDRESS_TOKEN or REDRESS_TOKEN_FILE in `environ` (os.environ), else None."""
    environ = os.environ if environ is None else environ
    token, token_file = environ.get(TOKEN) or None, environ.get(TOKEN_FILE) or None
    if token and token_file:
        raise ConfigurationError(f"{TOKEN} and {TOKEN_FILE} are both set: set one of them")
    if token:
        return _checked(TOKEN, token)
    if not token_file:
        return None
    try:
        text = _read(TOKEN_FILE, token_file).decode("ascii").strip()
    except UnicodeDecodeError:
        raise ConfigurationError(f'{TOKEN_FILE} "{token_file}": not an ASCII token') from None
    if not text:
        raise ConfigurationError(f'{TOKEN_FILE} "{token_file}": holds no token')
    return _checked(TOKEN_FILE, text)


def channel_credentials(environ=None):
    """grpc.ChannelCredentials for `environ` (os.environ), or None for a plaintext channel.

    Reads the CA and token files now; raises ConfigurationError (see the module's docstring).
    """
    environ = os.environ if environ is None else environ
    token = bearer_token(environ)
    ca_file = environ.get(CA_FILE) or None
    if ca_file is None:
        if token is not None:
            which = TOKEN if environ.get(TOKEN) else TOKEN_FILE
            raise ConfigurationError(
                f"a bearer token ({which}) is set but {CA_FILE} is not: tokens are only sent over"
                f" TLS; set {CA_FILE} to the CA bundle that signed the server's certificate")
        return None
    ca = _read(CA_FILE, ca_file)
    if b"-----BEGIN " not in ca:
        raise ConfigurationError(f'{CA_FILE} "{ca_file}": holds no PEM block')
    credentials = grpc.ssl_channel_credentials(root_certificates=ca)
    if token is None:
        return credentials
    return grpc.composite_channel_credentials(credentials,
                                              grpc.access_token_call_credentials(token))


def open_channel(address, credentials):
    """A channel to `address`: secure with `credentials`, or plaintext when they are None."""
    if credentials is None:
        return grpc.insecure_channel(address)
    return grpc.secure_channel(address, credentials)
