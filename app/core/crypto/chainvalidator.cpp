// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/chainvalidator.h"

#include "crypto/opensslutil.h"

#include <openssl/x509_vfy.h>

namespace capaudit::crypto {

namespace {

using StorePtr = std::unique_ptr<X509_STORE, detail::Deleter<X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, detail::Deleter<X509_STORE_CTX_free>>;

struct X509StackDeleter {
    void operator()(STACK_OF(X509) * stack) const
    {
        sk_X509_pop_free(stack, X509_free);
    }
};
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackDeleter>;

const QString trustHint = QStringLiteral(
    "the issuing CA is not in the trust store: add it with `capaudit-cli trust add CASE ROOT.pem` or `--trust DIR`");
const QString timeHint = QStringLiteral("if the signing time is known, verify with --at RFC3339");

QString iso(const QDateTime& when)
{
    return when.isValid() ? when.toUTC().toString(Qt::ISODate) : QStringLiteral("(unknown date)");
}

// CRL checking is switched on for the whole chain as soon as any CRL was added, but a certificate whose issuer
// published no CRL to us is not thereby revoked: OpenSSL reports that as UNABLE_TO_GET_CRL, and only that error is
// forgiven here. A CRL that exists but is stale, unsigned or from the wrong key still fails (CrlProblem). This
// keeps one validation pass instead of validating twice with different flags, and matches what auditors hand us:
// CRLs for the CAs they care about, not for every public root.
int tolerateMissingCrl(int ok, X509_STORE_CTX* ctx)
{
    if (!ok && X509_STORE_CTX_get_error(ctx) == X509_V_ERR_UNABLE_TO_GET_CRL) {
        X509_STORE_CTX_set_error(ctx, X509_V_OK);
        return 1;
    }
    return ok;
}

ChainResult failure(ChainFailure kind, int depth, QString reason, QString hint = {})
{
    ChainResult out;
    out.failure = kind;
    out.depth = depth;
    out.reason = std::move(reason);
    out.hint = std::move(hint);
    return out;
}

} // namespace

void ChainValidator::addRoot(const Certificate& root)
{
    if (!root.isNull() && !m_roots.contains(root))
        m_roots.append(root);
}

void ChainValidator::addRevocationList(const RevocationList& crl)
{
    if (!crl.isNull())
        m_crls.append(crl);
}

ChainResult ChainValidator::validate(
    const Certificate& leaf, const QList<Certificate>& intermediates, const QDateTime& at) const
{
    if (leaf.isNull())
        return failure(ChainFailure::Malformed, 0, QStringLiteral("no certificate to validate"));
    if (m_roots.isEmpty())
        return failure(ChainFailure::UntrustedRoot, 0,
            QStringLiteral("no trusted roots are configured, so certificate '%1' cannot be trusted")
                .arg(leaf.subject()),
            trustHint);

    StorePtr store(X509_STORE_new());
    for (const Certificate& root : m_roots)
        X509_STORE_add_cert(store.get(), root.native());
    for (const RevocationList& crl : m_crls)
        X509_STORE_add_crl(store.get(), crl.native());
    ERR_clear_error(); // duplicate additions only

    X509StackPtr untrusted(sk_X509_new_null());
    for (const Certificate& cert : intermediates) {
        if (!cert.isNull() && X509_up_ref(cert.native()) == 1)
            sk_X509_push(untrusted.get(), cert.native());
    }

    StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store.get(), leaf.native(), untrusted.get()) != 1)
        return failure(ChainFailure::Other, 0,
            QStringLiteral("cannot set up X.509 validation: %1").arg(detail::takeOpenSslError()));
    unsigned long flags = X509_V_FLAG_X509_STRICT;
    if (m_partialChain)
        flags |= X509_V_FLAG_PARTIAL_CHAIN;
    if (!m_crls.isEmpty()) {
        flags |= X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL;
        X509_STORE_CTX_set_verify_cb(ctx.get(), tolerateMissingCrl);
    }
    X509_STORE_CTX_set_flags(ctx.get(), flags);
    const QDateTime when = at.isValid() ? at.toUTC() : QDateTime::currentDateTimeUtc();
    X509_STORE_CTX_set_time(ctx.get(), 0, static_cast<time_t>(when.toSecsSinceEpoch()));

    const int verified = X509_verify_cert(ctx.get());
    const int error = X509_STORE_CTX_get_error(ctx.get());
    const int depth = X509_STORE_CTX_get_error_depth(ctx.get());
    X509* current = X509_STORE_CTX_get_current_cert(ctx.get());
    const Certificate failing = current ? Certificate::fromNative(current) : leaf;
    ERR_clear_error();

    if (verified == 1) {
        if (!leaf.allowsDigitalSignature())
            return failure(ChainFailure::KeyUsage, 0,
                QStringLiteral("certificate '%1' does not allow digitalSignature in its keyUsage, so it "
                               "cannot vouch for signed evidence")
                    .arg(leaf.subject()),
                QStringLiteral("the signer used a certificate issued for another purpose; ask the "
                               "provider for a signing certificate"));
        // The signer certificate profile (docs/bundle-format.md): a CA certificate certifies keys, it does not sign
        // evidence, so a CA key that signs a bundle is misused even when its chain is sound; and an extended key
        // usage, when the issuer restricted the certificate with one, must allow code signing.
        if (leaf.hasCaBasicConstraint())
            return failure(ChainFailure::KeyUsage, 0,
                QStringLiteral("certificate '%1' is a CA certificate (basicConstraints cA TRUE); a CA certifies "
                               "signers but cannot itself sign evidence")
                    .arg(leaf.subject()),
                QStringLiteral("ask the provider to sign with an end-entity signing certificate issued by the CA"));
        if (!leaf.allowsCodeSigning())
            return failure(ChainFailure::KeyUsage, 0,
                QStringLiteral("certificate '%1' has an extended key usage without codeSigning or "
                               "anyExtendedKeyUsage, so it was not issued to sign evidence")
                    .arg(leaf.subject()),
                QStringLiteral("the signer used a certificate issued for another purpose (e.g. a TLS server); ask "
                               "the provider for a code-signing certificate"));
        ChainResult ok;
        ok.failure = ChainFailure::None;
        X509StackPtr chain(X509_STORE_CTX_get1_chain(ctx.get()));
        for (int i = 0; chain && i < sk_X509_num(chain.get()); ++i)
            ok.path.append(Certificate::fromNative(sk_X509_value(chain.get(), i)));
        return ok;
    }

    const QString subject = failing.subject();
    const QString verificationTime =
        QStringLiteral("verification time %1%2").arg(iso(when), at.isValid() ? QString() : QStringLiteral(", now"));
    switch (error) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return failure(ChainFailure::Expired, depth,
            QStringLiteral("certificate '%1' expired on %2 (%3)")
                .arg(subject, iso(failing.notAfter()), verificationTime),
            timeHint);
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return failure(ChainFailure::NotYetValid, depth,
            QStringLiteral("certificate '%1' is not valid before %2 (%3)")
                .arg(subject, iso(failing.notBefore()), verificationTime),
            QStringLiteral("check the signing time: %1").arg(timeHint));
    case X509_V_ERR_CERT_REVOKED: {
        QString revokedAt;
        for (const RevocationList& crl : m_crls) {
            X509_REVOKED* entry = nullptr;
            if (X509_NAME_cmp(X509_CRL_get_issuer(crl.native()), X509_get_issuer_name(failing.native())) == 0
                && X509_CRL_get0_by_serial(crl.native(), &entry, X509_get0_serialNumber(failing.native())) == 1) {
                revokedAt = iso(detail::asn1TimeToDateTime(X509_REVOKED_get0_revocationDate(entry)));
                break;
            }
        }
        return failure(ChainFailure::Revoked, depth,
            QStringLiteral("certificate '%1' (serial %2) was revoked%3 by its issuer '%4' (%5)")
                .arg(subject, failing.serialHex(), revokedAt.isEmpty() ? QString() : QStringLiteral(" on ") + revokedAt,
                    failing.issuer(), verificationTime),
            QStringLiteral("evidence signed with a revoked certificate cannot be trusted; ask the "
                           "provider why it was revoked"));
    }
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_CERT_UNTRUSTED:
        return failure(ChainFailure::UntrustedRoot, depth,
            QStringLiteral("certificate '%1' issued by '%2' does not lead to a trusted root")
                .arg(subject, failing.issuer()),
            trustHint);
    case X509_V_ERR_INVALID_CA:
    case X509_V_ERR_PATH_LENGTH_EXCEEDED:
    case X509_V_ERR_KEYUSAGE_NO_CERTSIGN:
    case X509_V_ERR_INVALID_PURPOSE:
    case X509_V_ERR_INVALID_NON_CA:
        return failure(ChainFailure::KeyUsage, depth,
            QStringLiteral("certificate '%1' may not be used this way: %2")
                .arg(subject, QString::fromLatin1(X509_verify_cert_error_string(error))),
            QStringLiteral("an issuer in the chain is not a CA allowed to sign certificates"));
    case X509_V_ERR_UNABLE_TO_GET_CRL:
    case X509_V_ERR_CRL_NOT_YET_VALID:
    case X509_V_ERR_CRL_HAS_EXPIRED:
    case X509_V_ERR_CRL_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE:
    case X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER:
    case X509_V_ERR_KEYUSAGE_NO_CRL_SIGN:
    case X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD:
    case X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD:
    case X509_V_ERR_DIFFERENT_CRL_SCOPE:
        return failure(ChainFailure::CrlProblem, depth,
            QStringLiteral("the revocation list for certificate '%1' (issuer '%2') cannot be used: %3 (%4)")
                .arg(subject, failing.issuer(), QString::fromLatin1(X509_verify_cert_error_string(error)),
                    verificationTime),
            QStringLiteral("obtain a current CRL signed by the issuing CA and add it to the case"));
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE:
    case X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY:
    case X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD:
    case X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD:
    case X509_V_ERR_EC_KEY_EXPLICIT_PARAMS:
    case X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER:
    case X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER:
    case X509_V_ERR_EMPTY_SUBJECT_ALT_NAME:
    case X509_V_ERR_CA_BCONS_NOT_CRITICAL:
    case X509_V_ERR_AUTHORITY_KEY_IDENTIFIER_CRITICAL:
    case X509_V_ERR_SUBJECT_KEY_IDENTIFIER_CRITICAL:
    case X509_V_ERR_ISSUER_NAME_EMPTY:
        return failure(ChainFailure::Malformed, depth,
            QStringLiteral("certificate '%1' is malformed or its signature is invalid: %2")
                .arg(subject, QString::fromLatin1(X509_verify_cert_error_string(error))),
            QStringLiteral("the certificate was altered or badly issued; obtain it again from the provider"));
    default:
        break;
    }
    return failure(ChainFailure::Other, depth,
        QStringLiteral("certificate '%1' failed validation: %2 (%3)")
            .arg(subject, QString::fromLatin1(X509_verify_cert_error_string(error)), verificationTime));
}

} // namespace capaudit::crypto
