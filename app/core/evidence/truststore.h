// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/certificate.h"
#include "util/result.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

namespace capaudit {

// Roles an auditor assigns to anchors; "transparency-log" marks a checkpoint-signing key rather than a signer.
namespace roles {
inline constexpr auto kProvider = "provider";
inline constexpr auto kIndependentMeter = "independent-meter";
inline constexpr auto kAuditor = "auditor";
inline constexpr auto kTransparencyLog = "transparency-log";
} // namespace roles
bool isKnownRole(QStringView role); // one of roles::k*
QStringList knownRoles();

// A keyless (Sigstore/Fulcio) signer identity an anchor may pin: the certificate's subject alternative name (e-mail
// or URI) and the OIDC issuer Fulcio recorded. Empty fields are not constrained; an empty identity pins nothing.
struct SignerIdentity {
    QString san;
    QString issuer;
    bool isEmpty() const
    {
        return san.isEmpty() && issuer.isEmpty();
    }
    bool operator==(const SignerIdentity&) const = default;
};

struct TrustAnchor {
    enum class Kind { RootCertificate, PinnedKey, RevocationList, LogKey };
    Kind kind = Kind::RootCertificate;
    QString fileName; // name inside the trust store ("provider-a-root.pem")
    QString label; // "Provider A root CA"
    QString role; // roles::k*
    QString origin; // log keys: checkpoint origin line the key signs for
    // Scope: the provider names this anchor may speak for (see evidence/authorization.h). Empty: none, so a signer
    // under this anchor is authorized for no provider evidence at all.
    QStringList providers;
    SignerIdentity identity; // root certificates only: the keyless signer identity every leaf must carry
    QByteArray content; // the PEM bytes as found
    // Derived from CONTENT when loaded:
    QString subject; // certificate subject / CRL issuer / "public key"
    QString fingerprint; // SHA-256 of the SPKI (keys, certificates) or of the DER CRL
    QDateTime notBefore, notAfter; // certificates; CRL lastUpdate/nextUpdate
};
QString anchorKindName(TrustAnchor::Kind kind); // "root-certificate", "pinned-key", "crl", "log-key"
std::optional<TrustAnchor::Kind> anchorKindFromName(QStringView name);

// The set of things an auditor trusts. Stored as a directory (see docs/bundle-format.md "Trust store"):
//   *.pem / *.crt  root certificates       *.pub  pinned signer keys (or log keys, by role)
//   *.crl          revocation lists        anchors.json  labels, roles and scopes: {"anchors": {"<file>": {"label",
//   "role", "origin", "providers": [...], "identity": {"san", "issuer"}}}}
// and, inside a case file, as rows of the trust_anchors table.
class TrustStore {
public:
    static Result<TrustStore> loadDirectory(const QString& directory);
    static Result<TrustStore> fromAnchors(const QList<TrustAnchor>& anchors);
    // Reads one anchor file; KIND is taken from the extension and ROLE ("transparency-log" => LogKey).
    static Result<TrustAnchor> anchorFromFile(
        const QString& path, const QString& label, const QString& role, const QString& origin = {});
    static Result<TrustAnchor> anchorFromBytes(const QString& fileName, const QByteArray& content, const QString& label,
        const QString& role, const QString& origin = {});
    // Checks ROLE (empty or one of roles::k*), PROVIDERS (non-empty names) and IDENTITY (root certificates only) of
    // ANCHOR; errors name WHERE (a file) and FIELD.
    static Status checkScope(const TrustAnchor& anchor, const QString& where, const QString& field);
    // Writes the store back as a directory (anchors.json included).
    Status saveDirectory(const QString& directory) const;

    const QList<TrustAnchor>& anchors() const
    {
        return m_anchors;
    }
    QList<crypto::Certificate> rootCertificates() const;
    QList<crypto::RevocationList> revocationLists() const;
    bool isEmpty() const
    {
        return m_anchors.isEmpty();
    }

    // The anchor whose certificate is ROOT / whose key is KEY (matched by SPKI fingerprint), or nullptr.
    const TrustAnchor* anchorForCertificate(const crypto::Certificate& root) const;
    const TrustAnchor* anchorForKey(const QString& spkiFingerprint, TrustAnchor::Kind kind) const;

private:
    QList<TrustAnchor> m_anchors;
};

} // namespace capaudit
