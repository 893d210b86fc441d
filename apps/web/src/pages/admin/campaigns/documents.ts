import { graphql } from '../../../gql';

/** Operations shared by the campaign pages. */
export const CampaignFieldsFragment = graphql(`
  fragment AdminCampaignFields on ReminderCampaign {
    id
    unitId
    name
    status
    triggerKind
    festivalKey
    customDateId
    sendDate
    occasionKinds
    daysBefore
    occasionOffsetDays
    sendTime
    repeatYearly
    channels
    audienceTiers
    audienceUnitIds
    includeSubunits
    leadingOnly
    includeSpouses
    title
    bodyText
    bodyHtml
    createdAt
    updatedAt
  }
`);

export const CampaignDocument = graphql(`
  query AdminCampaign($id: ID!) {
    reminderCampaign(id: $id) {
      ...AdminCampaignFields
      occurrences {
        id
        key
        eventName
        eventDate
        sendAt
        startedAt
        finishedAt
        status
        stats {
          targeted
          sent
          failed
          pending
          skipped
          acknowledged
          acknowledgementRate
          channels {
            channel
            targeted
            sent
            failed
            pending
            skipped
          }
          reasons {
            channel
            status
            reason
            count
          }
        }
      }
    }
  }
`);

export const CustomDatesForCampaignsDocument = graphql(`
  query AdminCampaignCustomDates($year: Int!, $next: Int!) {
    thisYear: festivalCalendar(year: $year) {
      customDates {
        date
        customDate {
          id
          name
          yearly
          date
        }
      }
    }
    nextYear: festivalCalendar(year: $next) {
      customDates {
        date
        customDate {
          id
          name
          yearly
          date
        }
      }
    }
  }
`);

export const ScheduleCampaignDocument = graphql(`
  mutation AdminScheduleCampaign($id: ID!) {
    scheduleReminderCampaign(id: $id) {
      ...AdminCampaignFields
      occurrences {
        id
        sendAt
        status
      }
    }
  }
`);
