#include "tests/net/test_certificates.hpp"

#include <memory>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace gridbot::testing {

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test certificates: ") + what + " failed");
}

Key new_key() {
  Key key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  check(key != nullptr, "EVP_EC_gen");
  return key;
}

void add_extension(X509* certificate, X509* issuer, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
  check(extension != nullptr, "X509V3_EXT_conf_nid");
  check(X509_add_ext(certificate, extension, -1) == 1, "X509_add_ext");
  X509_EXTENSION_free(extension);
}

// `issuer` null: self-signed. `alt_names` empty: a CA.
Certificate make_certificate(EVP_PKEY* key, const char* common_name, X509* issuer, EVP_PKEY* issuer_key,
                             const char* alt_names, long serial) {
  Certificate certificate(X509_new(), X509_free);
  check(certificate != nullptr, "X509_new");
  X509* c = certificate.get();
  X509_set_version(c, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(c), serial);
  X509_gmtime_adj(X509_getm_notBefore(c), -3600);
  X509_gmtime_adj(X509_getm_notAfter(c), 24 * 3600);
  X509_set_pubkey(c, key);
  X509_NAME* name = X509_get_subject_name(c);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0);
  X509_set_issuer_name(c, issuer ? X509_get_subject_name(issuer) : name);
  X509* signer = issuer ? issuer : c;
  if (*alt_names == '\0') {
    add_extension(c, signer, NID_basic_constraints, "critical,CA:TRUE");
    add_extension(c, signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    add_extension(c, signer, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(c, signer, NID_ext_key_usage, "serverAuth");
    add_extension(c, signer, NID_subject_alt_name, alt_names);
  }
  add_extension(c, signer, NID_subject_key_identifier, "hash");
  check(X509_sign(c, issuer_key ? issuer_key : key, EVP_sha256()) > 0, "X509_sign");
  return certificate;
}

std::string pem(X509* certificate) {
  std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), BIO_free);
  check(PEM_write_bio_X509(out.get(), certificate) == 1, "PEM_write_bio_X509");
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string pem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), BIO_free);
  check(PEM_write_bio_PrivateKey(out.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1, "PEM_write_bio_PrivateKey");
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

TestCertificates generate() {
  TestCertificates out;
  Key ca_key = new_key(), leaf_key = new_key(), wrong_key = new_key(), other_ca_key = new_key();
  Certificate ca = make_certificate(ca_key.get(), "gridbot test CA", nullptr, nullptr, "", 1);
  Certificate leaf = make_certificate(leaf_key.get(), "localhost", ca.get(), ca_key.get(), "DNS:localhost,IP:127.0.0.1", 2);
  Certificate wrong = make_certificate(wrong_key.get(), "wrong.example", ca.get(), ca_key.get(), "DNS:wrong.example", 3);
  Certificate other_ca = make_certificate(other_ca_key.get(), "gridbot unknown CA", nullptr, nullptr, "", 4);
  out.ca = pem(ca.get());
  out.leaf = pem(leaf.get());
  out.leaf_key = pem(leaf_key.get());
  out.wrong_name = pem(wrong.get());
  out.wrong_name_key = pem(wrong_key.get());
  out.unknown_ca = pem(other_ca.get());
  return out;
}

}  // namespace

const TestCertificates& test_certificates() {
  static const TestCertificates certificates = generate();
  return certificates;
}

boost::asio::ssl::context server_tls_context(const std::string& certificate, const std::string& key) {
  boost::asio::ssl::context context(boost::asio::ssl::context::tls_server);
  context.use_certificate_chain(boost::asio::buffer(certificate));
  context.use_private_key(boost::asio::buffer(key), boost::asio::ssl::context::pem);
  return context;
}

}  // namespace gridbot::testing
