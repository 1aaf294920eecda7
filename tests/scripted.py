"""A scripted translation engine for tests of the pipeline around MT (not of MT itself)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.engines import Hypothesis
from pipeline.mt import LazyEngine


@dataclass
class ScriptedEngine:
    """Translates by a fixed rule; n-best lists come from ``alternatives`` when given."""

    direction: str
    calls: list[list[str]] = field(default_factory=list)
    alternatives: dict[str, list[str]] = field(default_factory=dict)

    def translate_batch(
        self,
        sources: Sequence[str],
        *,
        num_hypotheses: int = 1,
        prefer: Sequence[Sequence[str]] | None = None,
        avoid: Sequence[Sequence[str]] | None = None,
    ) -> list[list[Hypothesis]]:
        self.calls.append(list(sources))
        results = []
        for source in sources:
            texts = self.alternatives.get(source) or [f"{self.direction}⟨{source}⟩"]
            results.append(
                [Hypothesis(t, -0.1 * (i + 1)) for i, t in enumerate(texts)][:num_hypotheses]
            )
        return results


@dataclass
class ScriptedFactory:
    """An engine factory for ``TranslateRequest`` that records which engines were loaded."""

    engines: dict[str, ScriptedEngine] = field(default_factory=dict)
    alternatives: dict[str, list[str]] = field(default_factory=dict)

    def __call__(self, model: str, source_lang: str, target_lang: str) -> LazyEngine:
        direction = f"{source_lang}-{target_lang}"

        def load() -> ScriptedEngine:
            engine = ScriptedEngine(direction, alternatives=self.alternatives)
            self.engines[direction] = engine
            return engine

        return LazyEngine(f"engine:scripted|model:{model}|dir:{direction}", load)

    @property
    def calls(self) -> int:
        return sum(len(engine.calls) for engine in self.engines.values())
