// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/digest.h"
#include "crypto/publickey.h"

#include <optional>

namespace capaudit::crypto {

enum class EcdsaEncoding { Auto, Der, P1363 }; // DSSE producers emit both DER and raw r||s
enum class RsaPadding { Auto, Pkcs1v15, Pss };

struct SignatureParams {
    // Unset: the key's natural hash (P-256 -> SHA-256, P-384 -> SHA-384, P-521/RSA -> SHA-256 / SHA-512...)
    std::optional<HashAlgorithm> hash;
    EcdsaEncoding ecdsaEncoding = EcdsaEncoding::Auto;
    // Auto: PKCS#1 v1.5 first, then PSS with the salt length recovered from the signature.
    RsaPadding rsaPadding = RsaPadding::Auto;
    int pssSaltLength = -1; // -1: any (recovered); otherwise exact
    std::optional<HashAlgorithm> mgf1Hash; // unset: same as hash
};

enum class SignatureOutcome {
    Valid,
    Mismatch, // well-formed signature that does not verify: data or signature changed, or another key signed
    Malformed, // not a signature for this key type at all (bad DER, wrong length)
    WeakAlgorithm, // refused by policy: RSA < 2048 bits, SHA-1, curves below P-256
    Unsupported, // key type the verifier does not handle
};

struct SignatureResult {
    SignatureOutcome outcome = SignatureOutcome::Mismatch;
    QString algorithm; // "ECDSA P-256 / SHA-256 (DER)", "RSA-PSS 3072 / SHA-256", "Ed25519"
    QString reason; // plain-language explanation when not Valid
    bool ok() const
    {
        return outcome == SignatureOutcome::Valid;
    }
};

// Checks a key against the algorithm policy without verifying anything: used to explain refusals early.
SignatureResult checkKeyPolicy(const PublicKey& key);

SignatureResult verifySignature(
    const PublicKey& key, QByteArrayView message, QByteArrayView signature, const SignatureParams& params = {});

// Signs MESSAGE. ECDSA signatures are DER (IEEE P1363 r||s when PARAMS asks for it); RSA uses PSS with a
// digest-length salt and MGF1 with the same hash unless PARAMS says PKCS#1 v1.5.
Result<QByteArray> sign(const PrivateKey& key, QByteArrayView message, const SignatureParams& params = {});

} // namespace capaudit::crypto
