// Stage 3 dot voting: what routes and later stages use. Only totals and a viewer's own dots leave it.
export {
	openVote,
	closeVote,
	reopenVote,
	revealVote,
	setWinner,
	setDots,
	type VoteSettings
} from './rounds';
export {
	votingView,
	criteriaTotals,
	winningCriteria,
	rankByTotal,
	type CriterionTotal
} from './results';
export {
	listProposals,
	changeProposal,
	syncCriteriaDoc,
	type CriteriaDocAccess
} from './proposals';
