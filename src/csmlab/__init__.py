"""csmlab: simulators for the CSM Lab course.

One module (or small package) per topic the course models, named after it, each
with a frozen, validated scenario, a ``run()`` that returns a plain result, and
presets built from the figures in :mod:`csmlab.cases`:

===========================  ==================================================
module                       what it models (chapter)
===========================  ==================================================
:mod:`csmlab.value`          the customer value formula (00)
:mod:`csmlab.organisation`   the service-profit chain, empowerment levels (01)
:mod:`csmlab.measurement`    SERVQUAL, CSI, importance–performance (02)
:mod:`csmlab.moments`        moments of truth, cycle of service, VOC, award (03)
:mod:`csmlab.servitization`  lifetime cost of a product (04)
:mod:`csmlab.complaints`     complaint costs and the complaint cycle (05)
:mod:`csmlab.recovery`       service recovery (06)
:mod:`csmlab.guarantee`      the return on a service guarantee (07)
:mod:`csmlab.retention`      lifetime value and retention economics (08, 09)
:mod:`csmlab.loyalty`        satisfaction–loyalty, the loyalty grid, the ladder
                             (08, 09)
:mod:`csmlab.crm`            RFM, tiers, whale curve, seed tables, churn, LTV
                             (10; a package, one module per analysis)
:mod:`csmlab.customerbase`   BG/NBD, Gamma-Gamma, holdout checks, targeting
                             (11; a package, one module per step)
===========================  ==================================================

Shared parts: :mod:`csmlab.validation` (input checks), :mod:`csmlab.scenario`
(the scenario pattern), :mod:`csmlab.transactions` (the transaction-log check
that crm and customerbase share), :mod:`csmlab.widgets` (the generic explorer),
:mod:`csmlab.plots` (the one plotting style), :mod:`csmlab.display` (tables
and figures with alt text), :mod:`csmlab.cases` (figures with sources),
:mod:`csmlab.data` (data loaders with schema checks) and
:mod:`csmlab.citations` (bibliography labels). Chapter 00 maps every module to
the chapters that use it.
"""

__version__ = "0.4.0"
