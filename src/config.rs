//! A team's configuration: rules switched off, domain vocabulary, decision areas with default
//! Delegation Poker levels. Read from JSON everywhere and from TOML in the CLI.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Rule ids to switch off, e.g. `["missing-success-measure"]`.
    pub disabled_rules: Vec<String>,
    pub vocabulary: Vocabulary,
    /// Decision areas the rewrite lists with their default delegation level.
    pub decision_areas: Vec<DecisionArea>,
}

/// Words a team uses that the built-in lists do not know.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Vocabulary {
    /// Names of the people the work is for ("merchants", "on-call engineers").
    pub roles: Vec<String>,
    /// Technology names that, when a ticket tells someone to use them, prescribe a solution
    /// ("Kafka", "GraphQL").
    pub solution_terms: Vec<String>,
    /// Team measures that count as success measures ("NPS", "p95 latency").
    pub measures: Vec<String>,
}

/// A kind of decision the owner may meet, with how much of it is delegated by default.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionArea {
    pub area: String,
    /// Delegation Poker level, 1 (Tell) to 7 (Delegate).
    pub level: u8,
    #[serde(default)]
    pub note: String,
}

impl Config {
    pub fn from_json(text: &str) -> Result<Config, crate::Error> {
        let config: Config = serde_json::from_str(text).map_err(|e| crate::Error::BadConfig(e.to_string()))?;
        config.validate()
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_toml(text: &str) -> Result<Config, crate::Error> {
        let config: Config = toml::from_str(text).map_err(|e| crate::Error::BadConfig(e.to_string()))?;
        config.validate()
    }

    fn validate(self) -> Result<Config, crate::Error> {
        for area in &self.decision_areas {
            if !(1..=7).contains(&area.level) {
                return Err(crate::Error::BadConfig(format!(
                    "decision area '{}' has level {}; Delegation Poker levels run from 1 (Tell) to 7 (Delegate)",
                    area.area, area.level
                )));
            }
        }
        Ok(self)
    }

    pub fn rule_enabled(&self, id: &str) -> bool {
        !self.disabled_rules.iter().any(|r| r == id)
    }

    /// Decision areas the rewrite offers when the team configured none.
    pub fn decision_areas_or_default(&self) -> Vec<DecisionArea> {
        if !self.decision_areas.is_empty() {
            return self.decision_areas.clone();
        }
        let area = |name: &str, level: u8| DecisionArea { area: name.to_string(), level, note: String::new() };
        vec![area("Approach and implementation", 6), area("Scope and priorities", 4), area("Release and rollout", 3)]
    }
}

/// Delegation Poker levels in plain words, as owners read them.
pub fn level_in_words(level: u8) -> &'static str {
    match level {
        1 => "the lead decides and tells you (Tell)",
        2 => "the lead decides and explains why (Sell)",
        3 => "consult first: the lead decides after hearing you (Consult)",
        4 => "needs agreement: decide together (Agree)",
        5 => "needs approval: you decide after the lead's advice (Advise)",
        6 => "decide and inform: you decide, then tell the lead (Inquire)",
        7 => "decide alone (Delegate)",
        _ => "level unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_json_and_toml_alike() {
        let json = r#"{"disabled_rules":["missing-why"],"vocabulary":{"roles":["merchants"]},
            "decision_areas":[{"area":"Schema changes","level":3}]}"#;
        let toml = "disabled_rules = [\"missing-why\"]\n[vocabulary]\nroles = [\"merchants\"]\n[[decision_areas]]\narea = \"Schema changes\"\nlevel = 3\n";
        let a = Config::from_json(json).unwrap();
        let b = Config::from_toml(toml).unwrap();
        assert_eq!(a, b);
        assert!(!a.rule_enabled("missing-why"));
        assert!(a.rule_enabled("prescribed-solution"));
    }

    #[test]
    fn rejects_levels_outside_delegation_poker_and_unknown_keys() {
        assert!(Config::from_json(r#"{"decision_areas":[{"area":"x","level":9}]}"#).is_err());
        assert!(Config::from_json(r#"{"disabled":["x"]}"#).is_err());
    }
}
