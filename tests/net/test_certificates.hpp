// Certificates made at test time with OpenSSL's APIs (nothing committed, no openssl CLI): a test
// CA, a leaf it signed for localhost and 127.0.0.1, a leaf it signed for another name, and a
// second CA that signed nothing here. PEM text; made once per test binary.
#pragma once

#include <string>

#include <boost/asio/ssl/context.hpp>

namespace gridbot::testing {

struct TestCertificates {
  std::string ca;                   // the CA the client is told to trust
  std::string leaf, leaf_key;       // DNS:localhost, IP:127.0.0.1
  std::string wrong_name, wrong_name_key;  // DNS:wrong.example only
  std::string unknown_ca;           // trusted by nobody's server
};

const TestCertificates& test_certificates();

// A TLS server context presenting `certificate` with `key`.
boost::asio::ssl::context server_tls_context(const std::string& certificate, const std::string& key);

}  // namespace gridbot::testing
