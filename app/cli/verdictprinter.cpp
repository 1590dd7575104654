// SPDX-License-Identifier: GPL-3.0-or-later
#include "verdictprinter.h"

#include "util/jsonutil.h"
#include "util/timeutil.h"

namespace capaudit::cli {

void printVerdictText(QTextStream& stream, const Verdict& v)
{
    stream << v.source << ": " << verdictName(v.verdict).toUpper() << " (" << bundleKindName(v.kind) << ")\n";
    if (!v.bundleDigest.isEmpty())
        stream << "  bundle sha256: " << v.bundleDigest << '\n';
    if (const QString name = v.signer.displayName(); !name.isEmpty()) {
        stream << "  signer: " << name << '\n';
        if (!v.signer.san.isEmpty() && !v.signer.subject.isEmpty())
            stream << "  identity: " << v.signer.san
                   << (v.signer.oidcIssuer.isEmpty() ? QString() : QStringLiteral(" (via %1)").arg(v.signer.oidcIssuer))
                   << '\n';
        stream << "  key: " << v.signer.algorithm << ", SPKI sha256 " << v.signer.keyFingerprint << '\n';
    }
    if (v.signer.signingTime.isValid())
        stream << "  signed: " << formatTimestamp(v.signer.signingTime) << '\n';
    if (!v.signer.anchorLabel.isEmpty())
        stream << "  anchor: " << v.signer.anchorLabel << " (" << v.signer.anchorRole << "; scope "
               << (v.signer.anchorProviders.isEmpty()
                          ? QStringLiteral("none")
                          : QStringLiteral("'%1'").arg(v.signer.anchorProviders.join(QStringLiteral("', '"))))
               << ")\n";
    for (const Check& c : v.checks) {
        const QString mark = c.status == CheckStatus::Pass ? QStringLiteral("pass")
            : c.status == CheckStatus::Fail                ? QStringLiteral("FAIL")
                                                           : QStringLiteral("skip");
        stream << "  [" << mark << "] " << c.id.leftJustified(18) << ' ' << c.reason << '\n';
        if (c.status == CheckStatus::Fail && !c.hint.isEmpty())
            stream << "         hint: " << c.hint << '\n';
    }
}

void printVerdictJson(QTextStream& stream, const Verdict& verdict)
{
    stream << canonicalJson(verdict.toJson()) << '\n';
}

} // namespace capaudit::cli
