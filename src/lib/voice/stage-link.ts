/** Where a stage's questionnaire and actions are: its journey map's page, at the stage's panel. */
export const stageAnchor = (stageId: string) => `stage-${stageId}`;

/** The map's page under a workspace's address, scrolled to the stage. */
export const stageHref = (workspaceBase: string, mapId: string, stageId: string) =>
	`${workspaceBase}/journeys/${encodeURIComponent(mapId)}#${encodeURIComponent(stageAnchor(stageId))}`;
