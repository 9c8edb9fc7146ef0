"""The paper's claims C1–C10, tested under a frozen plan with a multiverse behind every verdict.

* :mod:`.plan` reads ``data/plan/claims.yaml`` (question, operationalisation, primary
  specification, alternatives, null, decision rule) and keeps the verdict history;
* :mod:`.inputs` builds the data under each choice (dollars, CSF, fiscal years, zeros, eras);
* :mod:`.nulls` holds the null models for trending, autocorrelated yearly series;
* :mod:`.checks` has one test per claim; :mod:`.multiverse` runs every specification;
* :mod:`.calibration` simulates worlds where each statistical claim is true or false;
* :mod:`.findings` writes the sentences.

Verdicts: ``supported``, ``mixed``, ``not_supported``, ``not_testable``.
"""

from __future__ import annotations

from crossroads.analysis.claims.multiverse import CLAIMS, VERDICTS, ClaimResult, evaluate

__all__ = ["CLAIMS", "VERDICTS", "ClaimResult", "evaluate"]
