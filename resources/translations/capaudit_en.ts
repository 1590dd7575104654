<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>PeriodText</name>
    <message numerus="yes">
        <source>%1 – %2 (%n day(s))</source>
        <translation>
            <numerusform>%1 – %2 (%n day)</numerusform>
            <numerusform>%1 – %2 (%n days)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message numerus="yes">
        <source>A bid comparison needs at least two providers; the report covers %n.</source>
        <translation>
            <numerusform>A bid comparison needs at least two providers; the report covers %n.</numerusform>
            <numerusform>A bid comparison needs at least two providers; the report covers %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n finding(s); the most serious is %2, which fails the policy.</source>
        <translation>
            <numerusform>%1 has %n finding; the most serious is %2, which fails the policy.</numerusform>
            <numerusform>%1 has %n findings; the most serious is %2, which fails the policy.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n finding(s), none serious enough to fail the policy.</source>
        <translation>
            <numerusform>%1 has %n finding, none serious enough to fail the policy.</numerusform>
            <numerusform>%1 has %n findings, none serious enough to fail the policy.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chart(s) at the %1 level</source>
        <translation>
            <numerusform>%n chart at the %1 level</numerusform>
            <numerusform>%n charts at the %1 level</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>NOT INTACT: %n problem(s)</source>
        <translation>
            <numerusform>NOT INTACT: %n problem</numerusform>
            <numerusform>NOT INTACT: %n problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CASE NOT INTACT: verify-case found %n problem(s); do not rely on this report. First: %1</source>
        <translation>
            <numerusform>CASE NOT INTACT: verify-case found %n problem; do not rely on this report. First: %1</numerusform>
            <numerusform>CASE NOT INTACT: verify-case found %n problems; do not rely on this report. First: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n provider(s)</source>
        <translation>
            <numerusform>%n provider</numerusform>
            <numerusform>%n providers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evidence bundle(s)</source>
        <translation>
            <numerusform>%n evidence bundle</numerusform>
            <numerusform>%n evidence bundles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n finding</numerusform>
            <numerusform>%n findings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>capaudit::CapacityPage</name>
    <message numerus="yes">
        <source>%n pair(s) skipped</source>
        <translation>
            <numerusform>%n pair skipped</numerusform>
            <numerusform>%n pairs skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>capaudit::EvidenceViewerDialog</name>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt;, %2 of bundle &lt;code&gt;%3&lt;/code&gt; (%4 lines; %5). %n row(s) cited, marked in yellow.</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;, %2 of bundle &lt;code&gt;%3&lt;/code&gt; (%4 lines; %5). %n row cited, marked in yellow.</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;, %2 of bundle &lt;code&gt;%3&lt;/code&gt; (%4 lines; %5). %n rows cited, marked in yellow.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>capaudit::FindingsPage</name>
    <message numerus="yes">
        <source>%n finding(s) written to %1.</source>
        <translation>
            <numerusform>%n finding written to %1.</numerusform>
            <numerusform>%n findings written to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>capaudit::ImportDialog</name>
    <message numerus="yes">
        <source>folder of %n bundle(s)</source>
        <translation>
            <numerusform>folder of %n bundle</numerusform>
            <numerusform>folder of %n bundles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) to import.</source>
        <translation>
            <numerusform>%n bundle to import.</numerusform>
            <numerusform>%n bundles to import.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>capaudit::MainWindow</name>
    <message numerus="yes">
        <source>Checks finished: %n finding(s)</source>
        <translation>
            <numerusform>Checks finished: %n finding</numerusform>
            <numerusform>Checks finished: %n findings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>capaudit::ReportExportFlow</name>
    <message numerus="yes">
        <source>The report was written to %1 (%n page(s)).</source>
        <translation>
            <numerusform>The report was written to %1 (%n page).</numerusform>
            <numerusform>The report was written to %1 (%n pages).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>capaudit::SeriousFindingsList</name>
    <message numerus="yes">
        <source>%n further finding(s) on the Findings page.</source>
        <translation>
            <numerusform>%n further finding on the Findings page.</numerusform>
            <numerusform>%n further findings on the Findings page.</numerusform>
        </translation>
    </message>
</context>
</TS>
