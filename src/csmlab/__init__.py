"""csmlab: simulators for the CSM Lab course.

One module per topic the course models, each with a frozen, validated scenario,
a ``run()`` that returns a plain result, and presets built from the figures in
:mod:`csmlab.cases`:

========================  =====================================================
module                    what it models (chapter)
========================  =====================================================
:mod:`csmlab.value`       the customer value formula (getting started)
:mod:`csmlab.complaints`  complaint costs and the complaint cycle (service
                          failure; service recovery)
:mod:`csmlab.guarantee`   the return on a service guarantee (service guarantees)
:mod:`csmlab.retention`   lifetime value and retention economics (loyalty)
:mod:`csmlab.loyalty`     satisfaction–loyalty, the loyalty grid, the ladder
:mod:`csmlab.measurement` SERVQUAL, CSI, importance–performance (CSM)
:mod:`csmlab.crm`         RFM, tiers, whale curve, churn (CRM)
========================  =====================================================

Shared parts: :mod:`csmlab.validation` (input checks), :mod:`csmlab.scenario`
(the scenario pattern), :mod:`csmlab.widgets` (the generic explorer),
:mod:`csmlab.plots` (the one plotting style), :mod:`csmlab.display` (tables
and figures with alt text), :mod:`csmlab.cases` (figures with sources) and
:mod:`csmlab.data` (data loaders with schema checks).
"""

__version__ = "0.2.0"
