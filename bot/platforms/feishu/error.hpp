// What can go wrong reading or writing Feishu's wire format. Every value is an expected failure
// (a forged or garbled webhook, a frame we cannot read), returned, never thrown.
#pragma once

#include <string_view>

namespace gridbot::feishu {

enum class Error {
  missing_signature,      // an encrypt key is configured but X-Lark-Signature/-Timestamp/-Nonce is absent
  bad_signature,          // X-Lark-Signature is not hex(sha256(timestamp nonce encrypt_key body))
  bad_base64,             // `encrypt` is not canonical base64
  bad_ciphertext_length,  // shorter than IV + one block, or not whole AES blocks
  bad_padding,            // the PKCS#7 padding is not intact (wrong key or damaged ciphertext)
  no_encrypt_key,         // the body is encrypted but no Encrypt Key is configured for this app
  not_encrypted,          // an encrypt key is configured but the body is plaintext (the Go SDK refuses it too)
  wrong_token,            // the verification token is not this app's
  malformed_json,         // the body, the decrypted event, a content or a payload is not the JSON Feishu sends
  missing_field,          // a field Feishu always sends is absent or has the wrong type
  malformed_frame,        // a long-connection frame is not a pbbp2.Frame
  invalid_id,             // an id to @ holds characters no Feishu id has (it would break the <at> tag)
  invalid_utf8,           // a text we were asked to send is not valid UTF-8
  crypto_failure,         // OpenSSL failed where it never should
};

// A sentence for the log or an admin: what was wrong, never the key, the token or the payload.
std::string_view describe(Error error);

}  // namespace gridbot::feishu
