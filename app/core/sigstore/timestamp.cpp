// SPDX-License-Identifier: GPL-3.0-or-later
#include "sigstore/timestamp.h"

#include "sigstore/opensslutil.h"
#include "util/timeutil.h"

#include <openssl/err.h>
#include <openssl/ts.h>
#include <openssl/x509_vfy.h>

namespace capaudit::sigstore {

namespace {

struct TsRespFree {
    void operator()(TS_RESP* p) const
    {
        TS_RESP_free(p);
    }
};
struct TsVerifyFree {
    void operator()(TS_VERIFY_CTX* p) const
    {
        TS_VERIFY_CTX_free(p);
    }
};

// Verifies RESPONSE with AUTHORITY's chain as the only trust, at AT. Empty string: verified.
QString verifyWith(
    TS_RESP* response, const QByteArray& signedData, const CertificateAuthority& authority, const QDateTime& at)
{
    std::unique_ptr<TS_VERIFY_CTX, TsVerifyFree> ctx(TS_VERIFY_CTX_new());
    X509_STORE* store = X509_STORE_new();
    STACK_OF(X509)* untrusted = sk_X509_new_null();
    BIO* data = BIO_new_mem_buf(signedData.constData(), int(signedData.size()));
    if (!ctx || !store || !untrusted || !data) {
        X509_STORE_free(store);
        sk_X509_pop_free(untrusted, X509_free);
        BIO_free(data);
        return QStringLiteral("out of memory");
    }
    // The trusted root lists the TSA's whole chain; each of its certificates is an anchor, and they double as
    // the untrusted pool so tokens that embed no certificates still find their signer.
    for (const crypto::Certificate& cert : authority.chain) {
        X509_STORE_add_cert(store, cert.native());
        X509_up_ref(cert.native());
        sk_X509_push(untrusted, cert.native());
    }
    X509_VERIFY_PARAM* param = X509_STORE_get0_param(store);
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
    X509_VERIFY_PARAM_set_time(param, at.toSecsSinceEpoch());
    TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_DATA);
    TS_VERIFY_CTX_set_store(ctx.get(), store); // ctx owns store, certs and data from here on
    TS_VERIFY_CTX_set_certs(ctx.get(), untrusted);
    TS_VERIFY_CTX_set_data(ctx.get(), data);
    ERR_clear_error();
    if (TS_RESP_verify_response(ctx.get(), response) == 1)
        return {};
    return detail::takeOpensslError(QStringLiteral("timestamp verification failed"));
}

} // namespace

TimestampVerification verifyRfc3161Timestamp(
    const QByteArray& response, const QByteArray& signedData, const QList<CertificateAuthority>& authorities)
{
    TimestampVerification result;
    const auto* p = reinterpret_cast<const unsigned char*>(response.constData());
    std::unique_ptr<TS_RESP, TsRespFree> resp(d2i_TS_RESP(nullptr, &p, long(response.size())));
    if (!resp) {
        ERR_clear_error();
        result.reason = QStringLiteral("not a DER RFC 3161 TimeStampResp");
        return result;
    }
    TS_TST_INFO* info = TS_RESP_get_tst_info(resp.get());
    if (!info) {
        result.reason = QStringLiteral("timestamp response carries no token (status not granted)");
        return result;
    }
    result.time = detail::fromAsn1Time(TS_TST_INFO_get_time(info));
    if (!result.time.isValid()) {
        result.reason = QStringLiteral("timestamp genTime is unreadable");
        return result;
    }
    if (authorities.isEmpty()) {
        result.reason = QStringLiteral("the trusted root lists no timestamp authority");
        return result;
    }
    QStringList failures;
    for (const CertificateAuthority& authority : authorities) {
        const QString error = verifyWith(resp.get(), signedData, authority, result.time);
        if (!error.isEmpty()) {
            failures.append(QStringLiteral("%1: %2").arg(authority.uri, error));
            continue;
        }
        result.authority = authority.uri;
        if (!authority.validity.contains(result.time)) {
            result.reason = QStringLiteral("timestamp time %1 is outside the validity %2 of TSA %3")
                                .arg(formatTimestamp(result.time), authority.validity.toString(), authority.uri);
            return result;
        }
        result.ok = true;
        return result;
    }
    result.reason = QStringLiteral("no trusted timestamp authority verifies the token (%1)")
                        .arg(failures.join(QStringLiteral("; ")));
    return result;
}

} // namespace capaudit::sigstore
